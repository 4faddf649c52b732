# METADATA
# title: GKE nodes have public IP addresses
# description: |
#   Nodes without private_cluster_config get external addresses.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters
# custom:
#   id: VCH-GCP-0018
#   severity: MEDIUM
#   remediation: "Add private_cluster_config { enable_private_nodes = true }."
#   inputs: [terraform]
#   resource_types: ["google_container_cluster"]
#   frameworks:
#     cis-gke: ["5.6.5"]
package vouch.checks.gcp.gke_private_nodes

import data.vouch.lib

deny contains lib.result_at(r, ["private_cluster_config"], "nodes are not private") if {
	some r in input.types["google_container_cluster"]
	lib.not_true(lib.block(r.attributes, "private_cluster_config"), "enable_private_nodes")
}
