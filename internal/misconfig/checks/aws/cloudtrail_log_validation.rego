# METADATA
# title: CloudTrail log file validation is not enabled
# description: |
#   Without digest files, log files changed or deleted after delivery cannot
#   be detected.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
# custom:
#   id: VCH-AWS-0071
#   severity: HIGH
#   remediation: "Set enable_log_file_validation = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_cloudtrail", "AWS::CloudTrail::Trail"]
#   frameworks:
#     cis-aws-foundations: ["3.2"]
package vouch.checks.aws.cloudtrail_log_validation

import data.vouch.lib

deny contains lib.result_at(r, ["enable_log_file_validation"], "log file validation is not enabled") if {
	some ty in {"aws_cloudtrail"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "enable_log_file_validation")
}

deny contains lib.result_at(r, ["EnableLogFileValidation"], "log file validation is not enabled") if {
	some ty in {"AWS::CloudTrail::Trail"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "EnableLogFileValidation")
}
