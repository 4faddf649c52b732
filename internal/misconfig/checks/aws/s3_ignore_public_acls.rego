# METADATA
# title: S3 public access block does not ignore public ACLs
# description: |
#   Public ACLs already on the bucket and its objects keep granting access.
#   The setting defaults to false when it is left out.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: VCH-AWS-0005
#   severity: HIGH
#   remediation: "Set ignore_public_acls = true (IgnorePublicAcls: true in CloudFormation)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block", "AWS::S3::Bucket"]
#   frameworks:
#     cis-aws-foundations: ["2.1.5"]
package vouch.checks.aws.s3_ignore_public_acls

import data.vouch.lib

deny contains lib.result_at(r, ["ignore_public_acls"], "ignore_public_acls is not true") if {
	some ty in {"aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "ignore_public_acls")
}

deny contains lib.result_at(r, ["PublicAccessBlockConfiguration", "IgnorePublicAcls"], "PublicAccessBlockConfiguration.IgnorePublicAcls is not true") if {
	some r in input.types["AWS::S3::Bucket"]
	conf := r.attributes.PublicAccessBlockConfiguration
	lib.not_true(conf, "IgnorePublicAcls")
}
