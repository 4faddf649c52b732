# METADATA
# title: GKE control plane accepts connections from any address
# description: |
#   Without master authorized networks (or with 0.0.0.0/0 in them) the
#   Kubernetes API is open to the internet.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# custom:
#   id: VCH-GCP-0016
#   severity: HIGH
#   remediation: "Add master_authorized_networks_config with the ranges that administer the cluster."
#   inputs: [terraform]
#   resource_types: ["google_container_cluster"]
#   frameworks:
#     cis-gke: ["5.6.3"]
package vouch.checks.gcp.gke_master_networks

import data.vouch.lib

deny contains lib.result(r, "no master authorized networks") if {
	some r in input.types["google_container_cluster"]
	count(lib.blocks(r.attributes, "master_authorized_networks_config")) == 0
}

deny contains lib.result_at(r, ["master_authorized_networks_config"], "master authorized networks include 0.0.0.0/0") if {
	some r in input.types["google_container_cluster"]
	some c in lib.blocks(r.attributes, "master_authorized_networks_config")
	some b in lib.blocks(c, "cidr_blocks")
	b.cidr_block == "0.0.0.0/0"
}
