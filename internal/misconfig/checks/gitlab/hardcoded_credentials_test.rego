package vouch.checks.gitlab.hardcoded_credentials_test

import data.vouch.checks.gitlab.hardcoded_credentials as check
import data.vouch.test

test_deny_global if {
	count(check.deny) == 1 with input as test.gitlab({"variables": {"DB_PASSWORD": "postgres123"}, "jobs": {}})
}

test_deny_job if {
	count(check.deny) == 1 with input as test.gitlab({"jobs": {"test": {"script": ["make"], "variables": {"API_KEY": {"value": "abcd-1234-efgh", "description": "x"}}}}})
}

test_allow_reference if {
	count(check.deny) == 0 with input as test.gitlab({"variables": {"DB_PASSWORD": "$PROD_DB_PASSWORD", "GIT_DEPTH": "10"}, "jobs": {}})
}
