# METADATA
# title: CloudTrail logs are not encrypted with your KMS key
# description: |
#   Trail logs are sensitive: encrypting them with a KMS key adds a second
#   permission needed to read them.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
# custom:
#   id: VCH-AWS-0072
#   severity: HIGH
#   remediation: "Set kms_key_id (KMSKeyId)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_cloudtrail", "AWS::CloudTrail::Trail"]
#   frameworks:
#     cis-aws-foundations: ["3.7"]
package vouch.checks.aws.cloudtrail_cmk

import data.vouch.lib

deny contains lib.result(r, "trail logs are not encrypted with KMS") if {
	some r in input.types["aws_cloudtrail"]
	not r.attributes.kms_key_id
}

deny contains lib.result(r, "trail logs are not encrypted with KMS") if {
	some r in input.types["AWS::CloudTrail::Trail"]
	not r.attributes.KMSKeyId
}
