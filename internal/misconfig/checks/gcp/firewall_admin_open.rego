# METADATA
# title: Firewall rule allows SSH or RDP from the internet
# description: |
#   An ingress rule from 0.0.0.0/0 to port 22 or 3389 exposes remote
#   administration to the whole internet.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
# custom:
#   id: VCH-GCP-0003
#   severity: CRITICAL
#   remediation: "Restrict source_ranges to known ranges, or use Identity-Aware Proxy TCP forwarding (35.235.240.0/20)."
#   inputs: [terraform]
#   resource_types: ["google_compute_firewall"]
#   frameworks:
#     cis-gcp-foundations: ["3.6", "3.7"]
package vouch.checks.gcp.firewall_admin_open

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

deny contains lib.result_at(r, ["source_ranges"], sprintf("ingress from anywhere allows port %d", [p])) if {
	some r in input.types["google_compute_firewall"]
	ingress(r)
	open_source(r)
	not lib.is_true(object.get(r.attributes, "disabled", false))
	p := min({q |
		some q in [22, 3389]
		some x in allowed_ports
		x[0] == r.address
		x[1][0] <= q
		q <= x[1][1]
	})
}
