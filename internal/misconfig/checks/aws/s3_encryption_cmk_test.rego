package vouch.checks.aws.s3_encryption_cmk_test

import data.vouch.checks.aws.s3_encryption_cmk as check
import data.vouch.test

test_deny_aes if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}]})
}

test_deny_separate if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket_server_side_encryption_configuration", {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::Bucket", {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}})
}

test_allow_kms if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "aws_kms_key.k.arn"}]}]}]})
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::Bucket", {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "Key"}}}]}})
}
