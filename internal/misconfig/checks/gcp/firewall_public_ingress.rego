# METADATA
# title: Firewall rule allows ingress from the internet
# description: |
#   An enabled ingress rule whose source is 0.0.0.0/0 opens the targets to
#   every address.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
# custom:
#   id: VCH-GCP-0004
#   severity: MEDIUM
#   remediation: "Restrict source_ranges to the addresses that need access."
#   inputs: [terraform]
#   resource_types: ["google_compute_firewall"]
package vouch.checks.gcp.firewall_public_ingress

import data.vouch.lib

open_source(r) if {
	some s in lib.as_list(object.get(r.attributes, "source_ranges", []))
	s in {"0.0.0.0/0", "::/0"}
}

ingress(r) if upper(object.get(r.attributes, "direction", "INGRESS")) == "INGRESS"

# allowed_ports yields every allowed port range as [from, to]; "all"
# protocols or no ports mean every port.
allowed_ports contains [r.address, [0, 65535]] if {
	some r in input.types["google_compute_firewall"]
	some a in lib.blocks(r.attributes, "allow")
	a.protocol in {"all", "tcp", "udp", "sctp"}
	count(lib.as_list(object.get(a, "ports", []))) == 0
}

allowed_ports contains [r.address, range] if {
	some r in input.types["google_compute_firewall"]
	some a in lib.blocks(r.attributes, "allow")
	some p in lib.as_list(a.ports)
	range := port_range(sprintf("%v", [p]))
}

port_range(s) := [to_number(parts[0]), to_number(parts[1])] if {
	parts := split(s, "-")
	count(parts) == 2
} else := [to_number(s), to_number(s)]

deny contains lib.result_at(r, ["source_ranges"], "ingress allowed from 0.0.0.0/0") if {
	some r in input.types["google_compute_firewall"]
	ingress(r)
	open_source(r)
	not lib.is_true(object.get(r.attributes, "disabled", false))
	count(lib.blocks(r.attributes, "allow")) > 0
}
