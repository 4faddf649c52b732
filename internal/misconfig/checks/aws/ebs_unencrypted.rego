# METADATA
# title: EBS volume is not encrypted
# description: |
#   An unencrypted volume, and every snapshot taken of it, holds its data in
#   the clear.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: VCH-AWS-0037
#   severity: HIGH
#   remediation: "Set encrypted = true (Encrypted: true), with a kms_key_id you manage."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_ebs_volume", "AWS::EC2::Volume"]
#   frameworks:
#     cis-aws-foundations: ["2.2.1"]
package vouch.checks.aws.ebs_unencrypted

import data.vouch.lib

deny contains lib.result_at(r, ["encrypted"], "volume is not encrypted") if {
	some r in input.types["aws_ebs_volume"]
	lib.not_true(r.attributes, "encrypted")
}

deny contains lib.result_at(r, ["Encrypted"], "volume is not encrypted") if {
	some r in input.types["AWS::EC2::Volume"]
	lib.not_true(r.attributes, "Encrypted")
}
