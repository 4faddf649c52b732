# METADATA
# title: Security group allows all traffic from the internet
# description: |
#   An ingress rule for all protocols or all ports from 0.0.0.0/0 or ::/0
#   exposes every service on the instance.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
# custom:
#   id: VCH-AWS-0026
#   severity: CRITICAL
#   remediation: "Allow only the ports the service answers on, from the address ranges that need them."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
#   frameworks:
#     cis-aws-foundations: ["5.2", "5.3"]
package vouch.checks.aws.sg_all_ports_open

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(rule.resource, rule.path, sprintf("ingress from %v allows every port", [rule.cidrs])) if {
	some rule in aws.sg_rules
	rule.direction == "ingress"
	aws.public_rule(rule)
	aws.all_ports(rule)
}
