# METADATA
# title: RDS storage is not encrypted
# description: |
#   Database storage, its automated backups, read replicas and snapshots are
#   unencrypted unless storage encryption is switched on when the instance
#   is created.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# custom:
#   id: VCH-AWS-0043
#   severity: HIGH
#   remediation: "Set storage_encrypted = true (StorageEncrypted: true), with a kms_key_id you manage."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_db_instance", "aws_rds_cluster", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   frameworks:
#     cis-aws-foundations: ["2.3.1"]
package vouch.checks.aws.rds_unencrypted

import data.vouch.lib

deny contains lib.result_at(r, ["storage_encrypted"], "database storage is not encrypted") if {
	some ty in {"aws_db_instance", "aws_rds_cluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "storage_encrypted")
}

deny contains lib.result_at(r, ["StorageEncrypted"], "database storage is not encrypted") if {
	some ty in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "StorageEncrypted")
}
