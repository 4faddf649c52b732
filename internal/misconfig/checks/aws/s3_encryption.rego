# METADATA
# title: S3 bucket has no default encryption configured
# description: |
#   The bucket does not say how objects are encrypted at rest. Declaring
#   server-side encryption, preferably with a KMS key, makes the protection
#   explicit and auditable.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html
# custom:
#   id: VCH-AWS-0007
#   severity: HIGH
#   remediation: "Add server_side_encryption_configuration (or an aws_s3_bucket_server_side_encryption_configuration resource; BucketEncryption in CloudFormation)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "AWS::S3::Bucket"]
#   frameworks:
#     cis-aws-foundations: ["2.1.1"]
package vouch.checks.aws.s3_encryption

import data.vouch.lib

has_sse(b) if lib.blocks(b.attributes, "server_side_encryption_configuration")[_]

has_sse(b) if {
	some e in input.types["aws_s3_bucket_server_side_encryption_configuration"]
	lib.refers_to(e.attributes.bucket, b)
}

deny contains lib.result(b, "bucket has no server-side encryption configuration") if {
	some b in input.types["aws_s3_bucket"]
	not has_sse(b)
}

deny contains lib.result(b, "bucket has no BucketEncryption") if {
	some b in input.types["AWS::S3::Bucket"]
	not b.attributes.BucketEncryption
}
