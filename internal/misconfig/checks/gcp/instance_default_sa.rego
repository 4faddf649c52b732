# METADATA
# title: Instance uses the default service account with full API access
# description: |
#   The default compute service account holds the Editor role on the
#   project; with the cloud-platform scope any process on the instance can
#   use all of it.
# related_resources:
#   - https://cloud.google.com/compute/docs/access/service-accounts#default_service_account
# custom:
#   id: VCH-GCP-0008
#   severity: HIGH
#   remediation: "Create a dedicated service account with the roles the workload needs."
#   inputs: [terraform]
#   resource_types: ["google_compute_instance", "google_compute_instance_template"]
#   frameworks:
#     cis-gcp-foundations: ["4.1", "4.2"]
package vouch.checks.gcp.instance_default_sa

import data.vouch.lib

default_sa(sa) if not sa.email

default_sa(sa) if endswith(sa.email, "-compute@developer.gserviceaccount.com")

deny contains lib.result_at(r, ["service_account", i], "default service account with cloud-platform scope") if {
	some ty in {"google_compute_instance", "google_compute_instance_template"}
	some r in input.types[ty]
	some i, sa in lib.blocks(r.attributes, "service_account")
	default_sa(sa)
	some s in lib.as_list(sa.scopes)
	s in {"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}
}
