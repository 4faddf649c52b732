# METADATA
# title: Compute disk is not encrypted with a customer-managed key
# description: |
#   Disks use Google-managed keys unless a Cloud KMS key (or a customer-
#   supplied key) is set; their use cannot then be restricted or audited by
#   you.
# related_resources:
#   - https://cloud.google.com/compute/docs/disks/customer-managed-encryption
# custom:
#   id: VCH-GCP-0006
#   severity: LOW
#   remediation: "Set disk_encryption_key { kms_key_self_link = \u2026 }."
#   inputs: [terraform]
#   resource_types: ["google_compute_disk", "google_compute_instance"]
#   frameworks:
#     cis-gcp-foundations: ["4.7"]
package vouch.checks.gcp.disk_cmek

import data.vouch.lib

deny contains lib.result(r, "disk is not encrypted with a customer-managed key") if {
	some r in input.types["google_compute_disk"]
	count(lib.blocks(r.attributes, "disk_encryption_key")) == 0
}

deny contains lib.result_at(r, ["boot_disk", i], "boot disk is not encrypted with a customer-managed key") if {
	some r in input.types["google_compute_instance"]
	some i, d in lib.blocks(r.attributes, "boot_disk")
	not d.kms_key_self_link
	count(lib.blocks(d, "disk_encryption_key_raw")) == 0
	not d.disk_encryption_key_raw
}
