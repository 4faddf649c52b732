# METADATA
# title: OpenSearch domain accepts plain HTTP
# description: |
#   Requests to the domain endpoint, credentials included, can travel
#   unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createupdatedomains.html
# custom:
#   id: VCH-AWS-0058
#   severity: HIGH
#   remediation: "Add domain_endpoint_options { enforce_https = true }."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_elasticsearch_domain", "aws_opensearch_domain", "AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"]
package vouch.checks.aws.es_enforce_https

import data.vouch.lib

deny contains lib.result_at(r, ["domain_endpoint_options", 0, "enforce_https"], "domain does not enforce HTTPS") if {
	some ty in {"aws_elasticsearch_domain", "aws_opensearch_domain"}
	some r in input.types[ty]
	o0 := lib.block(r.attributes, "domain_endpoint_options")
	lib.not_true(o0, "enforce_https")
}

deny contains lib.result_at(r, ["DomainEndpointOptions", "EnforceHTTPS"], "domain does not enforce HTTPS") if {
	some ty in {"AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"}
	some r in input.types[ty]
	obj := object.get(r.attributes, ["DomainEndpointOptions"], {})
	lib.not_true(obj, "EnforceHTTPS")
}
