package vouch.checks.aws.log_group_cmk_test

import data.vouch.checks.aws.log_group_cmk as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_cloudwatch_log_group", {"name": "app"})
}

test_allow_key if {
	count(check.deny) == 0 with input as test.tf("aws_cloudwatch_log_group", {"kms_key_id": "aws_kms_key.logs.arn"})
}
