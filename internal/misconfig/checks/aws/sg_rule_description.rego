# METADATA
# title: Security group rule has no description
# description: |
#   A rule without a description does not say why it exists, so nobody dares
#   remove it when it is no longer needed.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: VCH-AWS-0029
#   severity: LOW
#   remediation: "Add a description to every ingress and egress rule."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
package vouch.checks.aws.sg_rule_description

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(rule.resource, rule.path, sprintf("%s rule has no description", [rule.direction])) if {
	some rule in aws.sg_rules
	not described(rule)
}

described(rule) if {
	is_string(rule.description)
	trim_space(rule.description) != ""
}
