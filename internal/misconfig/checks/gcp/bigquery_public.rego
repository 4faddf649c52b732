# METADATA
# title: BigQuery dataset is public
# description: |
#   Access for allUsers or allAuthenticatedUsers exposes the dataset to
#   anyone.
# related_resources:
#   - https://cloud.google.com/bigquery/docs/dataset-access-controls
# custom:
#   id: VCH-GCP-0020
#   severity: CRITICAL
#   remediation: "Grant dataset access to specific users, groups or service accounts."
#   inputs: [terraform]
#   resource_types: ["google_bigquery_dataset", "google_bigquery_dataset_iam_member", "google_bigquery_dataset_iam_binding"]
#   frameworks:
#     cis-gcp-foundations: ["7.1"]
package vouch.checks.gcp.bigquery_public

import data.vouch.lib

deny contains lib.result_at(r, ["access", i], sprintf("dataset access for %v", [g])) if {
	some r in input.types["google_bigquery_dataset"]
	some i, a in lib.blocks(r.attributes, "access")
	g := object.get(a, "special_group", object.get(a, "iam_member", ""))
	g in {"allUsers", "allAuthenticatedUsers"}
}

deny contains lib.result(r, sprintf("dataset role granted to %v", [m])) if {
	some ty in {"google_bigquery_dataset_iam_member", "google_bigquery_dataset_iam_binding"}
	some r in input.types[ty]
	some m in lib.as_list(object.get(r.attributes, "member", object.get(r.attributes, "members", [])))
	m in {"allUsers", "allAuthenticatedUsers"}
}
