# METADATA
# title: Kinesis stream is not encrypted
# description: |
#   Records are stored unencrypted unless the stream uses KMS encryption.
# related_resources:
#   - https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
# custom:
#   id: VCH-AWS-0064
#   severity: HIGH
#   remediation: "Set encryption_type = \"KMS\" with a kms_key_id (StreamEncryption)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_kinesis_stream", "AWS::Kinesis::Stream"]
package vouch.checks.aws.kinesis_unencrypted

import data.vouch.lib

deny contains lib.result_at(r, ["encryption_type"], "stream is not encrypted") if {
	some r in input.types["aws_kinesis_stream"]
	upper(object.get(r.attributes, "encryption_type", "NONE")) != "KMS"
}

deny contains lib.result(r, "stream is not encrypted") if {
	some r in input.types["AWS::Kinesis::Stream"]
	not r.attributes.StreamEncryption
}
