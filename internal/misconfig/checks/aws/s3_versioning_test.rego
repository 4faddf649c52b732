package vouch.checks.aws.s3_versioning_test

import data.vouch.checks.aws.s3_versioning as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {})
}

test_deny_disabled if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"versioning": [{"enabled": false}]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {"VersioningConfiguration": {"Status": "Suspended"}})
}

test_allow_inline if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket", {"versioning": [{"enabled": true}]})
}

test_allow_resource if {
	count(check.deny) == 0 with input as test.tf_all([
		["aws_s3_bucket", "b", {}],
		["aws_s3_bucket_versioning", "b", {"bucket": "aws_s3_bucket.b.id", "versioning_configuration": [{"status": "Enabled"}]}],
	])
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"VersioningConfiguration": {"Status": "Enabled"}})
}
