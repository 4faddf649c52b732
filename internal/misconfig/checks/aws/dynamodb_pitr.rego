# METADATA
# title: DynamoDB point-in-time recovery is not enabled
# description: |
#   Without point-in-time recovery a bad write or delete cannot be rolled
#   back.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
# custom:
#   id: VCH-AWS-0052
#   severity: MEDIUM
#   remediation: "Add point_in_time_recovery { enabled = true } (PointInTimeRecoverySpecification)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_dynamodb_table", "AWS::DynamoDB::Table"]
package vouch.checks.aws.dynamodb_pitr

import data.vouch.lib

deny contains lib.result_at(r, ["point_in_time_recovery", 0, "enabled"], "point-in-time recovery is not enabled") if {
	some ty in {"aws_dynamodb_table"}
	some r in input.types[ty]
	o0 := lib.block(r.attributes, "point_in_time_recovery")
	lib.not_true(o0, "enabled")
}

deny contains lib.result_at(r, ["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], "point-in-time recovery is not enabled") if {
	some ty in {"AWS::DynamoDB::Table"}
	some r in input.types[ty]
	obj := object.get(r.attributes, ["PointInTimeRecoverySpecification"], {})
	lib.not_true(obj, "PointInTimeRecoveryEnabled")
}
