# METADATA
# title: S3 bucket has no access logging
# description: |
#   Server access logs record who read or changed which object. Without them
#   an incident on the bucket cannot be investigated. Buckets that receive
#   logs themselves are not flagged.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# custom:
#   id: VCH-AWS-0010
#   severity: MEDIUM
#   remediation: "Add logging (or an aws_s3_bucket_logging resource; LoggingConfiguration in CloudFormation) pointing to a log bucket."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_logging", "AWS::S3::Bucket"]
#   frameworks:
#     cis-aws-foundations: ["3.6"]
package vouch.checks.aws.s3_logging

import data.vouch.lib

logged(b) if lib.blocks(b.attributes, "logging")[_]

logged(b) if {
	some l in input.types["aws_s3_bucket_logging"]
	lib.refers_to(l.attributes.bucket, b)
}

# A bucket that receives access logs does not need its own.
log_target(b) if b.attributes.acl == "log-delivery-write"

log_target(b) if {
	some x in input.types.aws_s3_bucket
	some l in lib.blocks(x.attributes, "logging")
	lib.refers_to(l.target_bucket, b)
}

log_target(b) if {
	some x in input.types["aws_s3_bucket_logging"]
	lib.refers_to(x.attributes.target_bucket, b)
}

log_target(b) if {
	some a in input.types["aws_s3_bucket_acl"]
	a.attributes.acl == "log-delivery-write"
	lib.refers_to(a.attributes.bucket, b)
}

deny contains lib.result(b, "bucket has no access logging") if {
	some b in input.types["aws_s3_bucket"]
	not logged(b)
	not log_target(b)
}

deny contains lib.result(b, "bucket has no LoggingConfiguration") if {
	some b in input.types["AWS::S3::Bucket"]
	not b.attributes.LoggingConfiguration
	object.get(b.attributes, "AccessControl", "") != "LogDeliveryWrite"
}
