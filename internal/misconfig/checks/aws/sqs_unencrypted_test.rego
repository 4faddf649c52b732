package vouch.checks.aws.sqs_unencrypted_test

import data.vouch.checks.aws.sqs_unencrypted as check
import data.vouch.test

test_deny_plain if {
	count(check.deny) == 1 with input as test.tf("aws_sqs_queue", {"name": "q"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::SQS::Queue", {"SqsManagedSseEnabled": false})
}

test_allow_kms if {
	count(check.deny) == 0 with input as test.tf("aws_sqs_queue", {"kms_master_key_id": "alias/aws/sqs"})
}

test_allow_managed if {
	count(check.deny) == 0 with input as test.tf("aws_sqs_queue", {"sqs_managed_sse_enabled": true})
}
