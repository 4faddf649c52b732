# METADATA
# title: ECR repository is not encrypted with your KMS key
# description: |
#   Images are encrypted with an AWS managed key unless a KMS key is
#   configured.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
# custom:
#   id: VCH-AWS-0068
#   severity: LOW
#   remediation: "Add encryption_configuration { encryption_type = \"KMS\", kms_key = \u2026 }."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_ecr_repository", "AWS::ECR::Repository"]
package vouch.checks.aws.ecr_cmk

import data.vouch.lib

deny contains lib.result_at(r, ["encryption_configuration"], "repository is not encrypted with KMS") if {
	some r in input.types["aws_ecr_repository"]
	object.get(lib.block(r.attributes, "encryption_configuration"), "encryption_type", "AES256") != "KMS"
}

deny contains lib.result_at(r, ["EncryptionConfiguration"], "repository is not encrypted with KMS") if {
	some r in input.types["AWS::ECR::Repository"]
	object.get(r.attributes, ["EncryptionConfiguration", "EncryptionType"], "AES256") != "KMS"
}
