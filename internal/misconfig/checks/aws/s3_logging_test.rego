package vouch.checks.aws.s3_logging_test

import data.vouch.checks.aws.s3_logging as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"bucket": "data"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {"AccessControl": "Private"})
}

test_deny_cfn_bare if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {})
}

test_allow_logging_block if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket", {"logging": [{"target_bucket": "logs"}]})
}

test_allow_log_bucket if {
	count(check.deny) == 0 with input as test.tf_all([
		["aws_s3_bucket", "data", {}],
		["aws_s3_bucket", "logs", {"acl": "log-delivery-write"}],
		["aws_s3_bucket_logging", "data", {"bucket": "aws_s3_bucket.data.id", "target_bucket": "aws_s3_bucket.logs.id"}],
	])
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"LoggingConfiguration": {"DestinationBucketName": "logs"}})
}
