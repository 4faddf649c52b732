# METADATA
# title: GKE cluster uses basic authentication or client certificates
# description: |
#   Static passwords and long-lived client certificates for the Kubernetes
#   API cannot be revoked one by one.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication
# custom:
#   id: VCH-GCP-0019
#   severity: HIGH
#   remediation: "Remove username/password from master_auth and set issue_client_certificate = false."
#   inputs: [terraform]
#   resource_types: ["google_container_cluster"]
#   frameworks:
#     cis-gke: ["5.8.1", "5.8.2"]
package vouch.checks.gcp.gke_basic_auth

import data.vouch.lib

deny contains lib.result_at(r, ["master_auth"], "master_auth uses a static password or client certificate") if {
	some r in input.types["google_container_cluster"]
	ma := lib.block(r.attributes, "master_auth")
	static(ma)
}

static(ma) if {
	is_string(ma.password)
	ma.password != ""
}

static(ma) if {
	some c in lib.blocks(ma, "client_certificate_config")
	lib.is_true(c.issue_client_certificate)
}
