package vouch.checks.aws.s3_ignore_public_acls_test

import data.vouch.checks.aws.s3_ignore_public_acls as check
import data.vouch.test

test_deny_false if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket_public_access_block", {"bucket": "b", "ignore_public_acls": false})
}

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_s3_account_public_access_block", {})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"IgnorePublicAcls": "false"}})
}

test_allow_true if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket_public_access_block", {"bucket": "b", "ignore_public_acls": true})
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"IgnorePublicAcls": true}})
}
