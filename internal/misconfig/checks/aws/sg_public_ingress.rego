# METADATA
# title: Security group allows ingress from the internet
# description: |
#   An ingress rule from 0.0.0.0/0 or ::/0 to a port other than HTTP(S).
#   Administration, database and all-port rules have their own checks.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
# custom:
#   id: VCH-AWS-0027
#   severity: MEDIUM
#   remediation: "Allow the port only from the address ranges that need it, or put the service behind a load balancer."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
package vouch.checks.aws.sg_public_ingress

import data.vouch.lib
import data.vouch.lib.aws

specific := {22, 3389, 3306, 5432, 1433, 1521, 27017, 6379, 9200, 5439, 11211, 9042, 5984, 7000, 8086, 2379, 9300}

deny contains lib.result_at(rule.resource, rule.path, sprintf("ingress from %v to ports %v-%v", [rule.cidrs, rule.from, rule.to])) if {
	some rule in aws.sg_rules
	rule.direction == "ingress"
	aws.public_rule(rule)
	not aws.all_ports(rule)
	not web(rule)
	not covers_specific(rule)
}

web(rule) if {
	rule.from == rule.to
	rule.from in {80, 443}
}

web(rule) if {
	rule.from == 80
	rule.to == 443
}

covers_specific(rule) if {
	some p in specific
	aws.covers(rule, p)
}
