# METADATA
# title: Network security group allows SSH or RDP from the internet
# description: |
#   An inbound allow rule from any address to port 22 or 3389 exposes remote
#   administration to the internet.
# related_resources:
#   - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
# custom:
#   id: VCH-AZU-0005
#   severity: CRITICAL
#   remediation: "Restrict source_address_prefix to known ranges, or use Azure Bastion or just-in-time access."
#   inputs: [terraform]
#   resource_types: ["azurerm_network_security_group", "azurerm_network_security_rule"]
#   frameworks:
#     cis-azure-foundations: ["6.1", "6.2"]
package vouch.checks.azure.nsg_admin_open

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

deny contains lib.result_at(x.r, x.path, sprintf("inbound from the internet allows port %d", [p])) if {
	some x in rules
	some p in [22, 3389]
	covers(x.rule, p)
}
