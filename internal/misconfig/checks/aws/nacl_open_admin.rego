# METADATA
# title: Network ACL allows administration ports from the internet
# description: |
#   A network ACL that allows ingress from 0.0.0.0/0 or ::/0 to SSH, RDP or
#   all ports removes the subnet-level safety net under security groups.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
# custom:
#   id: VCH-AWS-0031
#   severity: HIGH
#   remediation: "Deny or narrow ingress to ports 22 and 3389 (and all-port rules) from anywhere."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_network_acl", "aws_network_acl_rule", "AWS::EC2::NetworkAclEntry"]
#   frameworks:
#     cis-aws-foundations: ["5.1"]
package vouch.checks.aws.nacl_open_admin

import data.vouch.lib

admin_ports := {22, 3389}

rules contains {"r": r, "path": ["ingress", i], "rule": {"cidr": object.get(b, "cidr_block", object.get(b, "ipv6_cidr_block", "")), "action": object.get(b, "action", ""), "protocol": sprintf("%v", [object.get(b, "protocol", "-1")]), "from": object.get(b, "from_port", 0), "to": object.get(b, "to_port", 0)}} if {
	some r in input.types["aws_network_acl"]
	some i, b in lib.blocks(r.attributes, "ingress")
}

rules contains {"r": r, "path": [], "rule": {"cidr": object.get(a, "cidr_block", object.get(a, "ipv6_cidr_block", "")), "action": object.get(a, "rule_action", ""), "protocol": sprintf("%v", [object.get(a, "protocol", "-1")]), "from": object.get(a, "from_port", 0), "to": object.get(a, "to_port", 0)}} if {
	some r in input.types["aws_network_acl_rule"]
	a := r.attributes
	lib.not_true(a, "egress")
}

rules contains {"r": r, "path": [], "rule": {"cidr": object.get(a, "CidrBlock", object.get(a, "Ipv6CidrBlock", "")), "action": object.get(a, "RuleAction", ""), "protocol": sprintf("%v", [object.get(a, "Protocol", "-1")]), "from": object.get(a, ["PortRange", "From"], 0), "to": object.get(a, ["PortRange", "To"], 65535)}} if {
	some r in input.types["AWS::EC2::NetworkAclEntry"]
	a := r.attributes
	lib.not_true(a, "Egress")
}

exposed(rule) if rule.protocol in {"-1", "all"}

exposed(rule) if {
	some p in admin_ports
	to_number(rule.from) <= p
	p <= to_number(rule.to)
}

deny contains lib.result_at(x.r, x.path, sprintf("network ACL allows ingress from %s to administration ports", [x.rule.cidr])) if {
	some x in rules
	lower(x.rule.action) == "allow"
	x.rule.cidr in {"0.0.0.0/0", "::/0"}
	exposed(x.rule)
}
