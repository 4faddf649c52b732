# METADATA
# title: Neptune storage is not encrypted
# description: |
#   The graph database and its backups are stored unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
# custom:
#   id: VCH-AWS-0059
#   severity: HIGH
#   remediation: "Set storage_encrypted = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_neptune_cluster", "AWS::Neptune::DBCluster"]
package vouch.checks.aws.neptune_unencrypted

import data.vouch.lib

deny contains lib.result_at(r, ["storage_encrypted"], "storage is not encrypted") if {
	some ty in {"aws_neptune_cluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "storage_encrypted")
}

deny contains lib.result_at(r, ["StorageEncrypted"], "storage is not encrypted") if {
	some ty in {"AWS::Neptune::DBCluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "StorageEncrypted")
}
