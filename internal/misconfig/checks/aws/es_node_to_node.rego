# METADATA
# title: OpenSearch node-to-node traffic is not encrypted
# description: |
#   Nodes of the domain exchange data in the clear inside the VPC.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
# custom:
#   id: VCH-AWS-0057
#   severity: HIGH
#   remediation: "Add node_to_node_encryption { enabled = true }."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_elasticsearch_domain", "aws_opensearch_domain", "AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"]
package vouch.checks.aws.es_node_to_node

import data.vouch.lib

deny contains lib.result_at(r, ["node_to_node_encryption", 0, "enabled"], "node-to-node encryption is not enabled") if {
	some ty in {"aws_elasticsearch_domain", "aws_opensearch_domain"}
	some r in input.types[ty]
	o0 := lib.block(r.attributes, "node_to_node_encryption")
	lib.not_true(o0, "enabled")
}

deny contains lib.result_at(r, ["NodeToNodeEncryptionOptions", "Enabled"], "node-to-node encryption is not enabled") if {
	some ty in {"AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"}
	some r in input.types[ty]
	obj := object.get(r.attributes, ["NodeToNodeEncryptionOptions"], {})
	lib.not_true(obj, "Enabled")
}
