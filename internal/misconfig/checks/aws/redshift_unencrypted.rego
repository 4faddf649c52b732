# METADATA
# title: Redshift cluster is not encrypted
# description: |
#   The warehouse and its snapshots are stored unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
# custom:
#   id: VCH-AWS-0061
#   severity: HIGH
#   remediation: "Set encrypted = true with a kms_key_id."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_redshift_cluster", "AWS::Redshift::Cluster"]
package vouch.checks.aws.redshift_unencrypted

import data.vouch.lib

deny contains lib.result_at(r, ["encrypted"], "cluster is not encrypted") if {
	some ty in {"aws_redshift_cluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "encrypted")
}

deny contains lib.result_at(r, ["Encrypted"], "cluster is not encrypted") if {
	some ty in {"AWS::Redshift::Cluster"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "Encrypted")
}
