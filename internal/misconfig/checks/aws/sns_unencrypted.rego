# METADATA
# title: SNS topic is not encrypted
# description: |
#   Messages are stored unencrypted unless the topic has a KMS key.
# related_resources:
#   - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: VCH-AWS-0051
#   severity: HIGH
#   remediation: "Set kms_master_key_id (KmsMasterKeyId) to a KMS key."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_sns_topic", "AWS::SNS::Topic"]
package vouch.checks.aws.sns_unencrypted

import data.vouch.lib

deny contains lib.result(r, "topic is not encrypted") if {
	some r in input.types["aws_sns_topic"]
	not r.attributes.kms_master_key_id
}

deny contains lib.result(r, "topic is not encrypted") if {
	some r in input.types["AWS::SNS::Topic"]
	not r.attributes.KmsMasterKeyId
}
