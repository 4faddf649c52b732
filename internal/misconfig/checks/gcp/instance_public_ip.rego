# METADATA
# title: Compute instance has a public IP address
# description: |
#   An access_config block gives the instance an external address, reachable
#   from the internet as far as firewall rules allow.
# related_resources:
#   - https://cloud.google.com/compute/docs/ip-addresses
# custom:
#   id: VCH-GCP-0005
#   severity: MEDIUM
#   remediation: "Remove access_config; reach instances through IAP, a load balancer or Cloud NAT."
#   inputs: [terraform]
#   resource_types: ["google_compute_instance", "google_compute_instance_template"]
#   frameworks:
#     cis-gcp-foundations: ["4.9"]
package vouch.checks.gcp.instance_public_ip

import data.vouch.lib

deny contains lib.result_at(r, ["network_interface", i, "access_config"], "instance has an external IP address") if {
	some ty in {"google_compute_instance", "google_compute_instance_template"}
	some r in input.types[ty]
	some i, n in lib.blocks(r.attributes, "network_interface")
	count(lib.blocks(n, "access_config")) > 0
}
