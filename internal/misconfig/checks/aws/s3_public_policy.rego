# METADATA
# title: S3 bucket policy allows anyone
# description: |
#   A statement that allows Principal "*" without a condition opens the
#   bucket to the whole internet.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
# custom:
#   id: VCH-AWS-0011
#   severity: CRITICAL
#   remediation: "Name the accounts or roles that need access, or add a condition (aws:SourceVpce, aws:PrincipalOrgID)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket_policy", "aws_s3_bucket", "AWS::S3::BucketPolicy"]
package vouch.checks.aws.s3_public_policy

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(p.resource, st.path, sprintf("policy allows %v to anyone", [st.actions])) if {
	some p in aws.policies
	p.kind == "resource"
	p.resource.type in {"aws_s3_bucket_policy", "aws_s3_bucket", "AWS::S3::BucketPolicy"}
	some st in aws.statements(p)
	aws.allow(st)
	"*" in st.principals
	count(st.conditions) == 0
}
