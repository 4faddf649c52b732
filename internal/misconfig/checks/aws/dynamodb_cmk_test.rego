package vouch.checks.aws.dynamodb_cmk_test

import data.vouch.checks.aws.dynamodb_cmk as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_dynamodb_table", {"name": "t"})
}

test_allow_cmk if {
	count(check.deny) == 0 with input as test.tf("aws_dynamodb_table", {"server_side_encryption": [{"enabled": true, "kms_key_arn": "aws_kms_key.k.arn"}]})
}
