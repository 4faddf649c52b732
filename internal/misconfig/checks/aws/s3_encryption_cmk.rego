# METADATA
# title: S3 bucket encryption does not use a customer-managed KMS key
# description: |
#   SSE-S3 (AES256) encrypts with keys AWS manages for everyone: access
#   cannot be limited or audited through a key policy, and the key cannot be
#   disabled or rotated on your terms.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
# custom:
#   id: VCH-AWS-0008
#   severity: LOW
#   remediation: "Use sse_algorithm = \"aws:kms\" with kms_master_key_id set to a key you manage."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "AWS::S3::Bucket"]
package vouch.checks.aws.s3_encryption_cmk

import data.vouch.lib

rules(attrs) := [d |
	some c in lib.blocks(attrs, "server_side_encryption_configuration")
	some rl in lib.blocks(c, "rule")
	some d in lib.blocks(rl, "apply_server_side_encryption_by_default")
]

separate_rules(attrs) := [d |
	some rl in lib.blocks(attrs, "rule")
	some d in lib.blocks(rl, "apply_server_side_encryption_by_default")
]

no_cmk(d) if d.sse_algorithm == "AES256"

no_cmk(d) if {
	d.sse_algorithm == "aws:kms"
	not d.kms_master_key_id
}

deny contains lib.result_at(b, ["server_side_encryption_configuration"], "bucket is encrypted without a customer-managed KMS key") if {
	some b in input.types["aws_s3_bucket"]
	some d in rules(b.attributes)
	no_cmk(d)
}

deny contains lib.result_at(b, ["rule"], "bucket is encrypted without a customer-managed KMS key") if {
	some b in input.types["aws_s3_bucket_server_side_encryption_configuration"]
	some d in separate_rules(b.attributes)
	no_cmk(d)
}

deny contains lib.result_at(b, ["BucketEncryption"], "bucket is encrypted without a customer-managed KMS key") if {
	some b in input.types["AWS::S3::Bucket"]
	some rl in b.attributes.BucketEncryption.ServerSideEncryptionConfiguration
	d := rl.ServerSideEncryptionByDefault
	not d.KMSMasterKeyID
}
