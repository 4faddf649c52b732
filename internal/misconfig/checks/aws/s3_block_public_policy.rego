# METADATA
# title: S3 public access block does not block public policies
# description: |
#   A bucket policy that grants public access can be attached. The setting
#   defaults to false when it is left out.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: VCH-AWS-0004
#   severity: HIGH
#   remediation: "Set block_public_policy = true (BlockPublicPolicy: true in CloudFormation)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block", "AWS::S3::Bucket"]
#   frameworks:
#     cis-aws-foundations: ["2.1.5"]
package vouch.checks.aws.s3_block_public_policy

import data.vouch.lib

deny contains lib.result_at(r, ["block_public_policy"], "block_public_policy is not true") if {
	some ty in {"aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "block_public_policy")
}

deny contains lib.result_at(r, ["PublicAccessBlockConfiguration", "BlockPublicPolicy"], "PublicAccessBlockConfiguration.BlockPublicPolicy is not true") if {
	some r in input.types["AWS::S3::Bucket"]
	conf := r.attributes.PublicAccessBlockConfiguration
	lib.not_true(conf, "BlockPublicPolicy")
}
