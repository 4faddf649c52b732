# METADATA
# title: RDS Performance Insights data is not encrypted with your key
# description: |
#   Performance Insights stores query text, which can include data. Without
#   a KMS key of your own its encryption cannot be controlled or audited.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html
# custom:
#   id: VCH-AWS-0047
#   severity: LOW
#   remediation: "Set performance_insights_kms_key_id when performance_insights_enabled is true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_db_instance", "aws_rds_cluster_instance", "AWS::RDS::DBInstance"]
package vouch.checks.aws.rds_performance_insights_cmk

import data.vouch.lib

deny contains lib.result_at(r, ["performance_insights_enabled"], "Performance Insights has no KMS key") if {
	some ty in {"aws_db_instance", "aws_rds_cluster_instance"}
	some r in input.types[ty]
	lib.is_true(r.attributes.performance_insights_enabled)
	not r.attributes.performance_insights_kms_key_id
}

deny contains lib.result_at(r, ["EnablePerformanceInsights"], "Performance Insights has no KMS key") if {
	some r in input.types["AWS::RDS::DBInstance"]
	lib.is_true(r.attributes.EnablePerformanceInsights)
	not r.attributes.PerformanceInsightsKMSKeyId
}
