# METADATA
# title: CloudTrail is not sent to CloudWatch Logs
# description: |
#   Delivering the trail to CloudWatch Logs enables real-time alarms on API
#   activity.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
# custom:
#   id: VCH-AWS-0073
#   severity: LOW
#   remediation: "Set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_cloudtrail", "AWS::CloudTrail::Trail"]
#   frameworks:
#     cis-aws-foundations: ["3.4"]
package vouch.checks.aws.cloudtrail_cloudwatch

import data.vouch.lib

deny contains lib.result(r, "trail is not delivered to CloudWatch Logs") if {
	some r in input.types["aws_cloudtrail"]
	not r.attributes.cloud_watch_logs_group_arn
}

deny contains lib.result(r, "trail is not delivered to CloudWatch Logs") if {
	some r in input.types["AWS::CloudTrail::Trail"]
	not r.attributes.CloudWatchLogsLogGroupArn
}
