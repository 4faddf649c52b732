# METADATA
# title: CloudWatch log group is not encrypted with your KMS key
# description: |
#   Logs often hold request data and identifiers. Without a customer-managed
#   key their encryption cannot be restricted or audited.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
# custom:
#   id: VCH-AWS-0065
#   severity: LOW
#   remediation: "Set kms_key_id (KmsKeyId)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_cloudwatch_log_group", "AWS::Logs::LogGroup"]
package vouch.checks.aws.log_group_cmk

import data.vouch.lib

deny contains lib.result(r, "log group has no KMS key") if {
	some r in input.types["aws_cloudwatch_log_group"]
	not r.attributes.kms_key_id
}

deny contains lib.result(r, "log group has no KMS key") if {
	some r in input.types["AWS::Logs::LogGroup"]
	not r.attributes.KmsKeyId
}
