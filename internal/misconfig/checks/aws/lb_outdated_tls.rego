# METADATA
# title: Load balancer listener allows outdated TLS
# description: |
#   SSL policies that allow TLS 1.0 or 1.1 accept weak protocol versions and
#   ciphers.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# custom:
#   id: VCH-AWS-0084
#   severity: HIGH
#   remediation: "Use ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2+ policy."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_lb_listener", "aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener"]
package vouch.checks.aws.lb_outdated_tls

import data.vouch.lib

outdated := {"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06"}

deny contains lib.result_at(r, ["ssl_policy"], sprintf("SSL policy %s allows TLS below 1.2", [r.attributes.ssl_policy])) if {
	some ty in {"aws_lb_listener", "aws_alb_listener"}
	some r in input.types[ty]
	r.attributes.ssl_policy in outdated
}

deny contains lib.result_at(r, ["SslPolicy"], sprintf("SSL policy %s allows TLS below 1.2", [r.attributes.SslPolicy])) if {
	some r in input.types["AWS::ElasticLoadBalancingV2::Listener"]
	r.attributes.SslPolicy in outdated
}
