# METADATA
# title: EFS file system is not encrypted
# description: |
#   Encryption at rest can only be chosen when the file system is created.
# related_resources:
#   - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
# custom:
#   id: VCH-AWS-0049
#   severity: HIGH
#   remediation: "Set encrypted = true (Encrypted: true), with a kms_key_id you manage."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_efs_file_system", "AWS::EFS::FileSystem"]
#   frameworks:
#     cis-aws-foundations: ["2.4.1"]
package vouch.checks.aws.efs_unencrypted

import data.vouch.lib

deny contains lib.result_at(r, ["encrypted"], "file system is not encrypted") if {
	some ty in {"aws_efs_file_system"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "encrypted")
}

deny contains lib.result_at(r, ["Encrypted"], "file system is not encrypted") if {
	some ty in {"AWS::EFS::FileSystem"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "Encrypted")
}
