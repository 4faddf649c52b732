# METADATA
# title: Cloud Storage bucket does not use uniform bucket-level access
# description: |
#   With fine-grained ACLs, any object can be made public on its own,
#   outside what IAM shows.
# related_resources:
#   - https://cloud.google.com/storage/docs/uniform-bucket-level-access
# custom:
#   id: VCH-GCP-0002
#   severity: MEDIUM
#   remediation: "Set uniform_bucket_level_access = true."
#   inputs: [terraform]
#   resource_types: ["google_storage_bucket"]
#   frameworks:
#     cis-gcp-foundations: ["5.2"]
package vouch.checks.gcp.gcs_uniform_access

import data.vouch.lib

deny contains lib.result_at(r, ["uniform_bucket_level_access"], "uniform bucket-level access is not enabled") if {
	some ty in {"google_storage_bucket"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "uniform_bucket_level_access")
}
