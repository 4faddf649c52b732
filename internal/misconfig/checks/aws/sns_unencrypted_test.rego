package vouch.checks.aws.sns_unencrypted_test

import data.vouch.checks.aws.sns_unencrypted as check
import data.vouch.test

test_deny_plain if {
	count(check.deny) == 1 with input as test.tf("aws_sns_topic", {"name": "t"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::SNS::Topic", {})
}

test_allow_kms if {
	count(check.deny) == 0 with input as test.tf("aws_sns_topic", {"kms_master_key_id": "alias/aws/sns"})
}
