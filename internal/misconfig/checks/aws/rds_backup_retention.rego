# METADATA
# title: RDS backups are kept for less than two days
# description: |
#   With backup retention of 0 automated backups are off; with 1 day a
#   problem noticed the next morning may already be past the oldest backup.
#   Read replicas are not flagged.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
# custom:
#   id: VCH-AWS-0044
#   severity: MEDIUM
#   remediation: "Set backup_retention_period to 7 or more (BackupRetentionPeriod)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_db_instance", "aws_rds_cluster", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
package vouch.checks.aws.rds_backup_retention

import data.vouch.lib

deny contains lib.result_at(r, ["backup_retention_period"], retention(r.attributes)) if {
	some ty in {"aws_db_instance", "aws_rds_cluster"}
	some r in input.types[ty]
	not r.attributes.replicate_source_db
	short(object.get(r.attributes, "backup_retention_period", 1))
}

deny contains lib.result_at(r, ["BackupRetentionPeriod"], "backup retention is below 2 days") if {
	some ty in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	some r in input.types[ty]
	not r.attributes.SourceDBInstanceIdentifier
	short(object.get(r.attributes, "BackupRetentionPeriod", 1))
}

retention(a) := sprintf("backup retention is %v day(s)", [a.backup_retention_period]) if {
	lib.has(a, "backup_retention_period")
} else := "backup retention is not set (1 day by default)"

short(v) if {
	is_number(v)
	v < 2
}

short(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
	to_number(v) < 2
}
