# METADATA
# title: DocumentDB storage is not encrypted
# description: |
#   The cluster and its backups are stored unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html
# custom:
#   id: VCH-AWS-0063
#   severity: HIGH
#   remediation: "Set storage_encrypted = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_docdb_cluster", "AWS::DocDB::DBCluster"]
package vouch.checks.aws.docdb_unencrypted

import data.vouch.lib

deny contains lib.result_at(r, ["storage_encrypted"], "storage is not encrypted") if {
	some ty in {"aws_docdb_cluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "storage_encrypted")
}

deny contains lib.result_at(r, ["StorageEncrypted"], "storage is not encrypted") if {
	some ty in {"AWS::DocDB::DBCluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "StorageEncrypted")
}
