package vouch.checks.aws.s3_no_public_access_block_test

import data.vouch.checks.aws.s3_no_public_access_block as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"bucket": "data"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {})
}

test_allow_block_by_reference if {
	count(check.deny) == 0 with input as test.tf_all([
		["aws_s3_bucket", "data", {}],
		["aws_s3_bucket_public_access_block", "data", {"bucket": "aws_s3_bucket.data.id", "block_public_acls": true}],
	])
}

test_allow_block_by_name if {
	count(check.deny) == 0 with input as test.tf_all([
		["aws_s3_bucket", "data", {"bucket": "acme-data"}],
		["aws_s3_bucket_public_access_block", "data", {"bucket": "acme-data"}],
	])
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true}})
}
