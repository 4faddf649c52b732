package vouch.checks.aws.s3_restrict_public_buckets_test

import data.vouch.checks.aws.s3_restrict_public_buckets as check
import data.vouch.test

test_deny_false if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket_public_access_block", {"bucket": "b", "restrict_public_buckets": false})
}

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_s3_account_public_access_block", {})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"RestrictPublicBuckets": "false"}})
}

test_allow_true if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket_public_access_block", {"bucket": "b", "restrict_public_buckets": true})
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"RestrictPublicBuckets": true}})
}
