# METADATA
# title: Disk encryption key is written in plain text
# description: |
#   A customer-supplied key written in the configuration is in version
#   control and the state.
# related_resources:
#   - https://cloud.google.com/compute/docs/disks/customer-supplied-encryption
# custom:
#   id: VCH-GCP-0007
#   severity: CRITICAL
#   remediation: "Use a Cloud KMS key (kms_key_self_link) instead of raw_key."
#   inputs: [terraform]
#   resource_types: ["google_compute_disk", "google_compute_instance"]
package vouch.checks.gcp.disk_raw_key

import data.vouch.lib
import data.vouch.lib.text

deny contains lib.result_at(r, ["disk_encryption_key"], "raw disk encryption key in configuration") if {
	some r in input.types["google_compute_disk"]
	some k in lib.blocks(r.attributes, "disk_encryption_key")
	text.literal(object.get(k, "raw_key", object.get(k, "rsa_encrypted_key", "")))
}

deny contains lib.result_at(r, ["boot_disk"], "raw disk encryption key in configuration") if {
	some r in input.types["google_compute_instance"]
	some d in lib.blocks(r.attributes, "boot_disk")
	text.literal(d.disk_encryption_key_raw)
}
