# METADATA
# title: ElastiCache data is not encrypted at rest
# description: |
#   Cached data and backups are stored unencrypted unless at-rest encryption
#   is enabled at creation.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/at-rest-encryption.html
# custom:
#   id: VCH-AWS-0054
#   severity: HIGH
#   remediation: "Set at_rest_encryption_enabled = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_elasticache_replication_group", "AWS::ElastiCache::ReplicationGroup"]
package vouch.checks.aws.elasticache_at_rest

import data.vouch.lib

deny contains lib.result_at(r, ["at_rest_encryption_enabled"], "at-rest encryption is not enabled") if {
	some ty in {"aws_elasticache_replication_group"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "at_rest_encryption_enabled")
}

deny contains lib.result_at(r, ["AtRestEncryptionEnabled"], "at-rest encryption is not enabled") if {
	some ty in {"AWS::ElastiCache::ReplicationGroup"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "AtRestEncryptionEnabled")
}
