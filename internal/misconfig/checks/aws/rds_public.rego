# METADATA
# title: RDS database is publicly accessible
# description: |
#   A publicly accessible database instance gets a public DNS name and
#   address: only its security group stands between the database and the
#   internet.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
# custom:
#   id: VCH-AWS-0042
#   severity: CRITICAL
#   remediation: "Set publicly_accessible = false and reach the database from inside the VPC."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_db_instance", "aws_rds_cluster_instance", "AWS::RDS::DBInstance"]
#   frameworks:
#     cis-aws-foundations: ["2.3.3"]
package vouch.checks.aws.rds_public

import data.vouch.lib

deny contains lib.result_at(r, ["publicly_accessible"], "database is publicly accessible") if {
	some ty in {"aws_db_instance", "aws_rds_cluster_instance"}
	some r in input.types[ty]
	lib.is_true(r.attributes["publicly_accessible"])
}

deny contains lib.result_at(r, ["PubliclyAccessible"], "database is publicly accessible") if {
	some ty in {"AWS::RDS::DBInstance"}
	some r in input.types[ty]
	lib.is_true(r.attributes["PubliclyAccessible"])
}
