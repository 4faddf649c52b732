# METADATA
# title: S3 bucket ACL grants public access
# description: |
#   A canned ACL of public-read, public-read-write or authenticated-read
#   lets anyone (or any AWS account) list and read the bucket, or even write
#   to it.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
# custom:
#   id: VCH-AWS-0001
#   severity: HIGH
#   remediation: "Set the ACL to private, or drop it and grant access with bucket policies behind a public access block."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_acl", "AWS::S3::Bucket"]
#   frameworks:
#     cis-aws-foundations: ["2.1.5"]
package vouch.checks.aws.s3_public_acl

import data.vouch.lib

public_acls := {"public-read", "public-read-write", "authenticated-read"}

deny contains lib.result_at(r, ["acl"], sprintf("bucket ACL is %q", [r.attributes.acl])) if {
	some ty in {"aws_s3_bucket", "aws_s3_bucket_acl"}
	some r in input.types[ty]
	r.attributes.acl in public_acls
}

deny contains lib.result_at(r, ["AccessControl"], sprintf("bucket AccessControl is %q", [r.attributes.AccessControl])) if {
	some r in input.types["AWS::S3::Bucket"]
	r.attributes.AccessControl in {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}
}
