# METADATA
# title: Default security group has rules
# description: |
#   Resources launched without a security group land in the VPC's default
#   group. CIS asks that it allows no traffic at all, so that forgetting a
#   group fails closed.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
# custom:
#   id: VCH-AWS-0032
#   severity: MEDIUM
#   remediation: "Declare aws_default_security_group without ingress or egress blocks."
#   inputs: [terraform]
#   resource_types: ["aws_default_security_group"]
#   frameworks:
#     cis-aws-foundations: ["5.4"]
package vouch.checks.aws.default_sg_rules

import data.vouch.lib

deny contains lib.result_at(r, [dir], sprintf("default security group has %s rules", [dir])) if {
	some r in input.types["aws_default_security_group"]
	some dir in ["ingress", "egress"]
	count(lib.blocks(r.attributes, dir)) > 0
}
