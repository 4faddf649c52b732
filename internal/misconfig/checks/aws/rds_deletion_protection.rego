# METADATA
# title: RDS deletion protection is not enabled
# description: |
#   Without deletion protection a single API call or a mistaken terraform
#   destroy removes the database.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection
# custom:
#   id: VCH-AWS-0046
#   severity: LOW
#   remediation: "Set deletion_protection = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_db_instance", "aws_rds_cluster", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
package vouch.checks.aws.rds_deletion_protection

import data.vouch.lib

deny contains lib.result_at(r, ["deletion_protection"], "deletion protection is not enabled") if {
	some ty in {"aws_db_instance", "aws_rds_cluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "deletion_protection")
}

deny contains lib.result_at(r, ["DeletionProtection"], "deletion protection is not enabled") if {
	some ty in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "DeletionProtection")
}
