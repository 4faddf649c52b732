# METADATA
# title: Load balancer is internet-facing
# description: |
#   Load balancers are internet-facing unless declared internal. Make that a
#   decision, not a default.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-scheme
# custom:
#   id: VCH-AWS-0082
#   severity: MEDIUM
#   remediation: "Set internal = true (Scheme: internal) unless the service is meant for the internet."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_lb", "aws_alb", "aws_elb", "AWS::ElasticLoadBalancingV2::LoadBalancer"]
package vouch.checks.aws.lb_internet_facing

import data.vouch.lib

deny contains lib.result_at(r, ["internal"], "load balancer is internet-facing") if {
	some ty in {"aws_lb", "aws_alb", "aws_elb"}
	some r in input.types[ty]
	object.get(r.attributes, "load_balancer_type", "application") != "gateway"
	lib.not_true(r.attributes, "internal")
}

deny contains lib.result_at(r, ["Scheme"], "load balancer is internet-facing") if {
	some r in input.types["AWS::ElasticLoadBalancingV2::LoadBalancer"]
	object.get(r.attributes, "Scheme", "internet-facing") == "internet-facing"
}
