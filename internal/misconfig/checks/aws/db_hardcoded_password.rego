# METADATA
# title: Database master password is written in the template
# description: |
#   A literal password in infrastructure code is in version control, in
#   every clone, in the plan and in the state file.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
# custom:
#   id: VCH-AWS-0048
#   severity: HIGH
#   remediation: "Use manage_master_user_password = true (Secrets Manager), a variable marked sensitive fed from a secret store, or {{resolve:secretsmanager:\u2026}} in CloudFormation."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_db_instance", "aws_rds_cluster", "aws_redshift_cluster", "aws_docdb_cluster", "aws_neptune_cluster", "aws_elasticache_replication_group", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::Redshift::Cluster", "AWS::DocDB::DBCluster"]
package vouch.checks.aws.db_hardcoded_password

import data.vouch.lib
import data.vouch.lib.text

tf_keys := {"password", "master_password", "auth_token"}

deny contains lib.result_at(r, [k], sprintf("%s is a literal value", [k])) if {
	some ty in {"aws_db_instance", "aws_rds_cluster", "aws_redshift_cluster", "aws_docdb_cluster", "aws_neptune_cluster", "aws_elasticache_replication_group"}
	some r in input.types[ty]
	some k in tf_keys
	text.literal(r.attributes[k])
}

deny contains lib.result_at(r, ["MasterUserPassword"], "MasterUserPassword is a literal value") if {
	some ty in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::Redshift::Cluster", "AWS::DocDB::DBCluster"}
	some r in input.types[ty]
	text.literal(r.attributes.MasterUserPassword)
}
