# METADATA
# title: S3 bucket versioning is not enabled
# description: |
#   Without versioning an overwritten or deleted object is gone: ransomware,
#   a bad deploy or a mistaken delete cannot be undone.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
# custom:
#   id: VCH-AWS-0009
#   severity: MEDIUM
#   remediation: "Enable versioning (versioning { enabled = true } or aws_s3_bucket_versioning with status = \"Enabled\")."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_versioning", "AWS::S3::Bucket"]
package vouch.checks.aws.s3_versioning

import data.vouch.lib

enabled(b) if {
	some v in lib.blocks(b.attributes, "versioning")
	lib.is_true(v.enabled)
}

enabled(b) if {
	some v in input.types["aws_s3_bucket_versioning"]
	lib.refers_to(v.attributes.bucket, b)
	some c in lib.blocks(v.attributes, "versioning_configuration")
	c.status == "Enabled"
}

deny contains lib.result_at(b, ["versioning"], "bucket versioning is not enabled") if {
	some b in input.types["aws_s3_bucket"]
	not enabled(b)
}

deny contains lib.result_at(b, ["VersioningConfiguration"], "bucket versioning is not enabled") if {
	some b in input.types["AWS::S3::Bucket"]
	object.get(b.attributes, ["VersioningConfiguration", "Status"], "") != "Enabled"
}
