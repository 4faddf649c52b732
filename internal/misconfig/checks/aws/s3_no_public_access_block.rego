# METADATA
# title: S3 bucket has no public access block
# description: |
#   Without a public access block, one ACL or policy change is enough to
#   make the bucket public. The block stops public ACLs and policies from
#   taking effect whatever else is configured.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: VCH-AWS-0002
#   severity: MEDIUM
#   remediation: "Add an aws_s3_bucket_public_access_block (PublicAccessBlockConfiguration) with all four settings true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_public_access_block", "AWS::S3::Bucket"]
#   frameworks:
#     cis-aws-foundations: ["2.1.5"]
package vouch.checks.aws.s3_no_public_access_block

import data.vouch.lib

has_block(b) if {
	some p in input.types["aws_s3_bucket_public_access_block"]
	lib.refers_to(p.attributes.bucket, b)
}

account_block if {
	some p in input.types["aws_s3_account_public_access_block"]
}

deny contains lib.result(b, "bucket has no aws_s3_bucket_public_access_block") if {
	some b in input.types["aws_s3_bucket"]
	not has_block(b)
	not account_block
}

deny contains lib.result(b, "bucket has no PublicAccessBlockConfiguration") if {
	some b in input.types["AWS::S3::Bucket"]
	not b.attributes.PublicAccessBlockConfiguration
}
