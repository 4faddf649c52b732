# METADATA
# title: Security group allows SSH from the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 on SSH (22) exposes the
#   service to the whole internet, where it is scanned and brute-forced
#   within minutes.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
# custom:
#   id: VCH-AWS-0023
#   severity: CRITICAL
#   remediation: "Allow the port only from known address ranges (a VPN, a bastion, a load balancer security group), or use SSM Session Manager."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
#   frameworks:
#     cis-aws-foundations: ["5.2", "5.3"]
package vouch.checks.aws.sg_ssh_open

import data.vouch.lib
import data.vouch.lib.aws

ports := {22}

deny contains lib.result_at(rule.resource, rule.path, sprintf("ingress from %v allows port %d", [rule.cidrs, p])) if {
	some rule in aws.sg_rules
	rule.direction == "ingress"
	aws.public_rule(rule)
	not aws.all_ports(rule)
	p := min({q | some q in ports; aws.covers(rule, q)})
}
