# METADATA
# title: ElastiCache traffic is not encrypted in transit
# description: |
#   Without in-transit encryption clients talk to the cache in the clear.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/in-transit-encryption.html
# custom:
#   id: VCH-AWS-0055
#   severity: HIGH
#   remediation: "Set transit_encryption_enabled = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_elasticache_replication_group", "AWS::ElastiCache::ReplicationGroup"]
package vouch.checks.aws.elasticache_in_transit

import data.vouch.lib

deny contains lib.result_at(r, ["transit_encryption_enabled"], "in-transit encryption is not enabled") if {
	some ty in {"aws_elasticache_replication_group"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "transit_encryption_enabled")
}

deny contains lib.result_at(r, ["TransitEncryptionEnabled"], "in-transit encryption is not enabled") if {
	some ty in {"AWS::ElastiCache::ReplicationGroup"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "TransitEncryptionEnabled")
}
