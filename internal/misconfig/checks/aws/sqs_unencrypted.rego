# METADATA
# title: SQS queue is not encrypted
# description: |
#   Messages are stored unencrypted unless SSE (with a KMS key, or SQS-
#   managed) is switched on.
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# custom:
#   id: VCH-AWS-0050
#   severity: HIGH
#   remediation: "Set kms_master_key_id (preferred) or sqs_managed_sse_enabled = true (KmsMasterKeyId / SqsManagedSseEnabled)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_sqs_queue", "AWS::SQS::Queue"]
package vouch.checks.aws.sqs_unencrypted

import data.vouch.lib

deny contains lib.result(r, "queue is not encrypted") if {
	some r in input.types["aws_sqs_queue"]
	not r.attributes.kms_master_key_id
	lib.not_true(r.attributes, "sqs_managed_sse_enabled")
}

deny contains lib.result(r, "queue is not encrypted") if {
	some r in input.types["AWS::SQS::Queue"]
	not r.attributes.KmsMasterKeyId
	lib.not_true(r.attributes, "SqsManagedSseEnabled")
}
