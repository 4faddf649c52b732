# METADATA
# title: Compute instance can forward IP packets
# description: |
#   IP forwarding lets the instance route traffic for other addresses,
#   bypassing firewall rules meant for them.
# related_resources:
#   - https://cloud.google.com/vpc/docs/using-routes#canipforward
# custom:
#   id: VCH-GCP-0009
#   severity: MEDIUM
#   remediation: "Set can_ip_forward = false unless the instance is a router or NAT."
#   inputs: [terraform]
#   resource_types: ["google_compute_instance", "google_compute_instance_template"]
#   frameworks:
#     cis-gcp-foundations: ["4.6"]
package vouch.checks.gcp.ip_forwarding

import data.vouch.lib

deny contains lib.result_at(r, ["can_ip_forward"], "IP forwarding is enabled") if {
	some ty in {"google_compute_instance", "google_compute_instance_template"}
	some r in input.types[ty]
	lib.is_true(r.attributes["can_ip_forward"])
}
