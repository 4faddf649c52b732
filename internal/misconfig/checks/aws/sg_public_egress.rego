# METADATA
# title: Security group allows egress to the internet
# description: |
#   Unrestricted egress lets a compromised workload reach any host to
#   download tools or exfiltrate data. Many workloads need it; where they do
#   not, restrict it.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
# custom:
#   id: VCH-AWS-0028
#   severity: LOW
#   remediation: "Allow egress only to the destinations the workload needs (VPC endpoints, known ranges, a proxy)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupEgress"]
package vouch.checks.aws.sg_public_egress

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(rule.resource, rule.path, sprintf("egress to %v", [rule.cidrs])) if {
	some rule in aws.sg_rules
	rule.direction == "egress"
	aws.public_rule(rule)
}
