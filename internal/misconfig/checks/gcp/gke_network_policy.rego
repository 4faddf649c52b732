# METADATA
# title: GKE network policy is not enabled
# description: |
#   Without network policy enforcement every pod can reach every other pod.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy
# custom:
#   id: VCH-GCP-0017
#   severity: MEDIUM
#   remediation: "Add network_policy { enabled = true } (or use Dataplane V2)."
#   inputs: [terraform]
#   resource_types: ["google_container_cluster"]
#   frameworks:
#     cis-gke: ["5.6.7"]
package vouch.checks.gcp.gke_network_policy

import data.vouch.lib

deny contains lib.result_at(r, ["network_policy"], "network policy is not enabled") if {
	some r in input.types["google_container_cluster"]
	object.get(r.attributes, "datapath_provider", "") != "ADVANCED_DATAPATH"
	lib.not_true(lib.block(r.attributes, "network_policy"), "enabled")
}
