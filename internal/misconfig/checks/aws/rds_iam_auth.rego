# METADATA
# title: RDS IAM database authentication is not enabled
# description: |
#   IAM authentication replaces long-lived database passwords with short-
#   lived tokens tied to IAM identities.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
# custom:
#   id: VCH-AWS-0045
#   severity: LOW
#   remediation: "Set iam_database_authentication_enabled = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_db_instance", "aws_rds_cluster", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
package vouch.checks.aws.rds_iam_auth

import data.vouch.lib

deny contains lib.result_at(r, ["iam_database_authentication_enabled"], "IAM database authentication is not enabled") if {
	some ty in {"aws_db_instance", "aws_rds_cluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "iam_database_authentication_enabled")
}

deny contains lib.result_at(r, ["EnableIAMDatabaseAuthentication"], "IAM database authentication is not enabled") if {
	some ty in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "EnableIAMDatabaseAuthentication")
}
