# METADATA
# title: Instance accepts project-wide SSH keys
# description: |
#   Project-wide SSH keys open every instance in the project to whoever
#   holds one of them.
# related_resources:
#   - https://cloud.google.com/compute/docs/connect/restrict-ssh-keys
# custom:
#   id: VCH-GCP-0011
#   severity: MEDIUM
#   remediation: "Set metadata block-project-ssh-keys = true, or use OS Login."
#   inputs: [terraform]
#   resource_types: ["google_compute_instance", "google_compute_instance_template"]
#   frameworks:
#     cis-gcp-foundations: ["4.3"]
package vouch.checks.gcp.project_ssh_keys

import data.vouch.lib

deny contains lib.result_at(r, ["metadata"], "project-wide SSH keys are not blocked") if {
	some ty in {"google_compute_instance", "google_compute_instance_template"}
	some r in input.types[ty]
	md := object.get(r.attributes, "metadata", {})
	lib.not_true(md, "block-project-ssh-keys")
	not lib.is_true(object.get(md, "enable-oslogin", false))
}
