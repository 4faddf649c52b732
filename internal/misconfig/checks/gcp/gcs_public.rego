# METADATA
# title: Cloud Storage bucket is public
# description: |
#   Granting a role to allUsers or allAuthenticatedUsers makes the bucket
#   readable (or writable) by anyone on the internet, or by any Google
#   account.
# related_resources:
#   - https://cloud.google.com/storage/docs/access-control/making-data-public
# custom:
#   id: VCH-GCP-0001
#   severity: CRITICAL
#   remediation: "Grant roles to specific users, groups or service accounts; enforce public access prevention on the bucket."
#   inputs: [terraform]
#   resource_types: ["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding", "google_storage_bucket_acl", "google_storage_default_object_acl", "google_storage_object_acl"]
#   frameworks:
#     cis-gcp-foundations: ["5.1"]
package vouch.checks.gcp.gcs_public

import data.vouch.lib

public_member(m) if {
	is_string(m)
	m in {"allUsers", "allAuthenticatedUsers"}
}

deny contains lib.result_at(r, ["member"], sprintf("bucket role %v is granted to %v", [object.get(r.attributes, "role", ""), r.attributes.member])) if {
	some r in input.types["google_storage_bucket_iam_member"]
	public_member(r.attributes.member)
}

deny contains lib.result_at(r, ["members"], sprintf("bucket role %v is granted to %v", [object.get(r.attributes, "role", ""), m])) if {
	some r in input.types["google_storage_bucket_iam_binding"]
	some m in lib.as_list(r.attributes.members)
	public_member(m)
}

deny contains lib.result_at(r, ["role_entity"], sprintf("ACL grants %v", [e])) if {
	some ty in {"google_storage_bucket_acl", "google_storage_default_object_acl", "google_storage_object_acl"}
	some r in input.types[ty]
	some e in lib.as_list(r.attributes.role_entity)
	is_string(e)
	regex.match(`:(allUsers|allAuthenticatedUsers)$`, e)
}
