package vouch.checks.gitlab.prod_deploy_no_manual_test

import data.vouch.checks.gitlab.prod_deploy_no_manual as check
import data.vouch.test

test_deny_auto if {
	count(check.deny) == 1 with input as test.gitlab({"jobs": {"deploy_prod": {"stage": "deploy", "script": ["./deploy.sh"], "environment": {"name": "production"}}}})
}

test_allow_manual if {
	count(check.deny) == 0 with input as test.gitlab({"jobs": {"deploy_prod": {"script": ["./deploy.sh"], "environment": "production", "when": "manual"}}})
}

test_allow_rules_manual if {
	count(check.deny) == 0 with input as test.gitlab({"jobs": {"deploy_prod": {"script": ["./deploy.sh"], "environment": "production", "rules": [{"if": "$CI_COMMIT_BRANCH == \"main\"", "when": "manual"}]}}})
}

test_allow_staging if {
	count(check.deny) == 0 with input as test.gitlab({"jobs": {"deploy_staging": {"script": ["./deploy.sh"], "environment": "staging"}}})
}
