# METADATA
# title: GKE legacy ABAC is enabled
# description: |
#   Legacy attribute-based access control grants broad, static permissions
#   that RBAC cannot narrow.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
# custom:
#   id: VCH-GCP-0015
#   severity: HIGH
#   remediation: "Set enable_legacy_abac = false."
#   inputs: [terraform]
#   resource_types: ["google_container_cluster"]
#   frameworks:
#     cis-gke: ["5.8.3"]
package vouch.checks.gcp.gke_legacy_abac

import data.vouch.lib

deny contains lib.result_at(r, ["enable_legacy_abac"], "legacy ABAC is enabled") if {
	some ty in {"google_container_cluster"}
	some r in input.types[ty]
	lib.is_true(r.attributes["enable_legacy_abac"])
}
