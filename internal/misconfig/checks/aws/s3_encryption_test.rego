package vouch.checks.aws.s3_encryption_test

import data.vouch.checks.aws.s3_encryption as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"bucket": "x"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {})
}

test_allow_inline if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}]})
}

test_allow_separate_resource if {
	count(check.deny) == 0 with input as test.tf_all([
		["aws_s3_bucket", "b", {}],
		["aws_s3_bucket_server_side_encryption_configuration", "b", {"bucket": "aws_s3_bucket.b.id"}],
	])
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"BucketEncryption": {"ServerSideEncryptionConfiguration": []}})
}
