# METADATA
# title: Application load balancer passes invalid headers
# description: |
#   Passing malformed HTTP headers on to targets enables request smuggling
#   against them.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
# custom:
#   id: VCH-AWS-0083
#   severity: MEDIUM
#   remediation: "Set drop_invalid_header_fields = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_lb", "aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer"]
package vouch.checks.aws.lb_drop_invalid_headers

import data.vouch.lib

deny contains lib.result_at(r, ["drop_invalid_header_fields"], "invalid header fields are passed to targets") if {
	some ty in {"aws_lb", "aws_alb"}
	some r in input.types[ty]
	object.get(r.attributes, "load_balancer_type", "application") == "application"
	lib.not_true(r.attributes, "drop_invalid_header_fields")
}

deny contains lib.result_at(r, ["LoadBalancerAttributes"], "invalid header fields are passed to targets") if {
	some r in input.types["AWS::ElasticLoadBalancingV2::LoadBalancer"]
	object.get(r.attributes, "Type", "application") == "application"
	not cfn_drops(r.attributes)
}

cfn_drops(a) if {
	some x in a.LoadBalancerAttributes
	x.Key == "routing.http.drop_invalid_header_fields.enabled"
	lib.is_true(x.Value)
}
