# METADATA
# title: Neptune audit logs are not exported
# description: |
#   Audit logs record the queries run against the cluster; without exporting
#   them they cannot be kept or searched.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html
# custom:
#   id: VCH-AWS-0060
#   severity: MEDIUM
#   remediation: "Set enable_cloudwatch_logs_exports = [\"audit\"]."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_neptune_cluster", "AWS::Neptune::DBCluster"]
package vouch.checks.aws.neptune_audit_logs

import data.vouch.lib

deny contains lib.result_at(r, ["enable_cloudwatch_logs_exports"], "audit logs are not exported") if {
	some r in input.types["aws_neptune_cluster"]
	not "audit" in lib.as_list(object.get(r.attributes, "enable_cloudwatch_logs_exports", []))
}

deny contains lib.result_at(r, ["EnableCloudwatchLogsExports"], "audit logs are not exported") if {
	some r in input.types["AWS::Neptune::DBCluster"]
	not "audit" in lib.as_list(object.get(r.attributes, "EnableCloudwatchLogsExports", []))
}
