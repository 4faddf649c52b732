# METADATA
# title: S3 public access block does not restrict public buckets
# description: |
#   A bucket with a public policy stays reachable by anyone, not only by AWS
#   services and the owner account. The setting defaults to false when it is
#   left out.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: VCH-AWS-0006
#   severity: HIGH
#   remediation: "Set restrict_public_buckets = true (RestrictPublicBuckets: true in CloudFormation)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block", "AWS::S3::Bucket"]
#   frameworks:
#     cis-aws-foundations: ["2.1.5"]
package vouch.checks.aws.s3_restrict_public_buckets

import data.vouch.lib

deny contains lib.result_at(r, ["restrict_public_buckets"], "restrict_public_buckets is not true") if {
	some ty in {"aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "restrict_public_buckets")
}

deny contains lib.result_at(r, ["PublicAccessBlockConfiguration", "RestrictPublicBuckets"], "PublicAccessBlockConfiguration.RestrictPublicBuckets is not true") if {
	some r in input.types["AWS::S3::Bucket"]
	conf := r.attributes.PublicAccessBlockConfiguration
	lib.not_true(conf, "RestrictPublicBuckets")
}
