package vouch.checks.aws.s3_block_public_policy_test

import data.vouch.checks.aws.s3_block_public_policy as check
import data.vouch.test

test_deny_false if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket_public_access_block", {"bucket": "b", "block_public_policy": false})
}

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_s3_account_public_access_block", {})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"BlockPublicPolicy": "false"}})
}

test_allow_true if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket_public_access_block", {"bucket": "b", "block_public_policy": true})
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"BlockPublicPolicy": true}})
}
