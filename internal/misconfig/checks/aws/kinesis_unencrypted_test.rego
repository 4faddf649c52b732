package vouch.checks.aws.kinesis_unencrypted_test

import data.vouch.checks.aws.kinesis_unencrypted as check
import data.vouch.test

test_deny_none if {
	count(check.deny) == 1 with input as test.tf("aws_kinesis_stream", {"shard_count": 1})
}

test_allow_kms if {
	count(check.deny) == 0 with input as test.tf("aws_kinesis_stream", {"encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"})
}
