# METADATA
# title: KMS key rotation is not enabled
# description: |
#   Without rotation one key material protects data for years; rotation
#   limits what a leaked key exposes. Asymmetric and HMAC keys, which cannot
#   rotate, are not flagged.
# related_resources:
#   - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: VCH-AWS-0069
#   severity: MEDIUM
#   remediation: "Set enable_key_rotation = true (EnableKeyRotation: true)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_kms_key", "AWS::KMS::Key"]
#   frameworks:
#     cis-aws-foundations: ["3.8"]
package vouch.checks.aws.kms_rotation

import data.vouch.lib

symmetric(spec) if spec == "SYMMETRIC_DEFAULT"

deny contains lib.result_at(r, ["enable_key_rotation"], "key rotation is not enabled") if {
	some r in input.types["aws_kms_key"]
	symmetric(object.get(r.attributes, "customer_master_key_spec", "SYMMETRIC_DEFAULT"))
	lib.not_true(r.attributes, "enable_key_rotation")
}

deny contains lib.result_at(r, ["EnableKeyRotation"], "key rotation is not enabled") if {
	some r in input.types["AWS::KMS::Key"]
	symmetric(object.get(r.attributes, "KeySpec", "SYMMETRIC_DEFAULT"))
	lib.not_true(r.attributes, "EnableKeyRotation")
}
