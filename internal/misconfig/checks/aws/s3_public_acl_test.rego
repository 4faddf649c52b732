package vouch.checks.aws.s3_public_acl_test

import data.vouch.checks.aws.s3_public_acl as check
import data.vouch.test

test_deny_public_read if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"acl": "public-read"})
}

test_deny_acl_resource if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket_acl", {"bucket": "aws_s3_bucket.b.id", "acl": "public-read-write"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {"AccessControl": "PublicRead"})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket", {"acl": "private"})
}

test_allow_cfn_private if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"AccessControl": "Private"})
}
