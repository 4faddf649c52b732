package vouch.checks.aws.cloudtrail_cloudwatch_test

import data.vouch.checks.aws.cloudtrail_cloudwatch as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_cloudtrail", {})
}

test_allow_cw if {
	count(check.deny) == 0 with input as test.tf("aws_cloudtrail", {"cloud_watch_logs_group_arn": "aws_cloudwatch_log_group.t.arn"})
}
