# METADATA
# title: S3 bucket policy does not deny plain HTTP
# description: |
#   A bucket policy should deny requests made without TLS
#   (aws:SecureTransport = false), so that data never crosses the network in
#   the clear.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
# custom:
#   id: VCH-AWS-0012
#   severity: LOW
#   remediation: "Add a Deny statement for all principals and s3:* with Condition {\"Bool\": {\"aws:SecureTransport\": \"false\"}}."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket_policy", "AWS::S3::BucketPolicy"]
#   frameworks:
#     cis-aws-foundations: ["2.1.2"]
package vouch.checks.aws.s3_secure_transport

import data.vouch.lib
import data.vouch.lib.aws

denies_http(p) if {
	some st in aws.statements(p)
	st.effect == "Deny"
	some _, cond in st.conditions
	v := cond["aws:SecureTransport"]
	lib.is_false(lib.as_list(v)[0])
}

deny contains lib.result_at(p.resource, p.path, "bucket policy does not deny requests without TLS") if {
	some p in aws.policies
	p.resource.type in {"aws_s3_bucket_policy", "AWS::S3::BucketPolicy"}
	not denies_http(p)
}
