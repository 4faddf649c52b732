# METADATA
# title: Load balancer listener uses plain HTTP
# description: |
#   Traffic between clients and the load balancer, cookies and credentials
#   included, is not encrypted. A listener that only redirects to HTTPS is
#   fine.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html
# custom:
#   id: VCH-AWS-0081
#   severity: HIGH
#   remediation: "Listen on HTTPS with a certificate, and make the HTTP listener redirect to HTTPS."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_lb_listener", "aws_alb_listener", "aws_elb", "AWS::ElasticLoadBalancingV2::Listener"]
package vouch.checks.aws.lb_http_listener

import data.vouch.lib

redirects(a) if {
	some d in lib.blocks(a, "default_action")
	d.type == "redirect"
}

deny contains lib.result_at(r, ["protocol"], "listener uses HTTP") if {
	some ty in {"aws_lb_listener", "aws_alb_listener"}
	some r in input.types[ty]
	upper(object.get(r.attributes, "protocol", "HTTP")) == "HTTP"
	not redirects(r.attributes)
	object.get(r.attributes, "port", 80) != 0
}

deny contains lib.result_at(r, ["listener", i], "classic load balancer listens on HTTP") if {
	some r in input.types["aws_elb"]
	some i, l in lib.blocks(r.attributes, "listener")
	upper(l.lb_protocol) == "HTTP"
}

deny contains lib.result_at(r, ["Protocol"], "listener uses HTTP") if {
	some r in input.types["AWS::ElasticLoadBalancingV2::Listener"]
	r.attributes.Protocol == "HTTP"
	not cfn_redirects(r.attributes)
}

cfn_redirects(a) if {
	some d in a.DefaultActions
	d.Type == "redirect"
}
