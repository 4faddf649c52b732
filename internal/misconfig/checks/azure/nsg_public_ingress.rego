# METADATA
# title: Network security group allows other inbound traffic from the internet
# description: |
#   An inbound allow rule from any address to ports other than SSH, RDP or
#   HTTP(S). SSH and RDP are VCH-AZU-0005.
# related_resources:
#   - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
# custom:
#   id: VCH-AZU-0006
#   severity: HIGH
#   remediation: "Restrict source_address_prefix to the networks that need access."
#   inputs: [terraform]
#   resource_types: ["azurerm_network_security_group", "azurerm_network_security_rule"]
package vouch.checks.azure.nsg_public_ingress

import data.vouch.lib

# rules holds every inbound allow rule from the internet with its ports.
rules contains {"r": r, "path": ["security_rule", i], "rule": b} if {
	some r in input.types["azurerm_network_security_group"]
	some i, b in lib.blocks(r.attributes, "security_rule")
	internet_inbound(b)
}

rules contains {"r": r, "path": [], "rule": r.attributes} if {
	some r in input.types["azurerm_network_security_rule"]
	internet_inbound(r.attributes)
}

internet_inbound(b) if {
	lower(object.get(b, "direction", "")) == "inbound"
	lower(object.get(b, "access", "")) == "allow"
	some s in array.concat(lib.as_list(object.get(b, "source_address_prefix", [])), lib.as_list(object.get(b, "source_address_prefixes", [])))
	lower(s) in {"*", "0.0.0.0/0", "0.0.0.0", "internet", "any", "::/0"}
}

port_ranges(b) := [x | some x in array.concat(lib.as_list(object.get(b, "destination_port_range", [])), lib.as_list(object.get(b, "destination_port_ranges", []))); is_string(x)]

covers(b, p) if {
	some x in port_ranges(b)
	x == "*"
}

covers(b, p) if {
	some x in port_ranges(b)
	parts := split(x, "-")
	count(parts) == 2
	to_number(parts[0]) <= p
	p <= to_number(parts[1])
}

covers(b, p) if {
	some x in port_ranges(b)
	not contains(x, "-")
	x != "*"
	to_number(x) == p
}

deny contains lib.result_at(x.r, x.path, sprintf("inbound from the internet allows ports %v", [port_ranges(x.rule)])) if {
	some x in rules
	not covers(x.rule, 22)
	not covers(x.rule, 3389)
	some pr in port_ranges(x.rule)
	not pr in {"80", "443", "80-80", "443-443"}
}
