# METADATA
# title: Project grants a basic Owner or Editor role
# description: |
#   Owner and Editor grant nearly every permission in every service of the
#   project.
# related_resources:
#   - https://cloud.google.com/iam/docs/understanding-roles#basic
# custom:
#   id: VCH-GCP-0023
#   severity: MEDIUM
#   remediation: "Grant predefined or custom roles scoped to the job."
#   inputs: [terraform]
#   resource_types: ["google_project_iam_member", "google_project_iam_binding"]
#   frameworks:
#     cis-gcp-foundations: ["1.5"]
package vouch.checks.gcp.iam_basic_role

import data.vouch.lib

deny contains lib.result_at(r, ["role"], sprintf("project grants %s", [r.attributes.role])) if {
	some ty in {"google_project_iam_member", "google_project_iam_binding"}
	some r in input.types[ty]
	r.attributes.role in {"roles/owner", "roles/editor"}
}
