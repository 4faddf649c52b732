package vouch.checks.aws.lambda_tracing_test

import data.vouch.checks.aws.lambda_tracing as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_lambda_function", {})
}

test_allow_active if {
	count(check.deny) == 0 with input as test.tf("aws_lambda_function", {"tracing_config": [{"mode": "Active"}]})
}
