# METADATA
# title: OpenSearch domain is not encrypted at rest
# description: |
#   Indices, logs and snapshots of the domain are stored unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
# custom:
#   id: VCH-AWS-0056
#   severity: HIGH
#   remediation: "Add encrypt_at_rest { enabled = true } (EncryptionAtRestOptions.Enabled)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_elasticsearch_domain", "aws_opensearch_domain", "AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"]
package vouch.checks.aws.es_encrypt_at_rest

import data.vouch.lib

deny contains lib.result_at(r, ["encrypt_at_rest", 0, "enabled"], "domain is not encrypted at rest") if {
	some ty in {"aws_elasticsearch_domain", "aws_opensearch_domain"}
	some r in input.types[ty]
	o0 := lib.block(r.attributes, "encrypt_at_rest")
	lib.not_true(o0, "enabled")
}

deny contains lib.result_at(r, ["EncryptionAtRestOptions", "Enabled"], "domain is not encrypted at rest") if {
	some ty in {"AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"}
	some r in input.types[ty]
	obj := object.get(r.attributes, ["EncryptionAtRestOptions"], {})
	lib.not_true(obj, "Enabled")
}
