package vouch.checks.aws.cloudtrail_cmk_test

import data.vouch.checks.aws.cloudtrail_cmk as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_cloudtrail", {"name": "t"})
}

test_allow_key if {
	count(check.deny) == 0 with input as test.tf("aws_cloudtrail", {"kms_key_id": "aws_kms_key.trail.arn"})
}
