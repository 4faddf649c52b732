# METADATA
# title: Compute instance is not a Shielded VM
# description: |
#   Without Secure Boot, vTPM and integrity monitoring, boot-level malware
#   goes undetected.
# related_resources:
#   - https://cloud.google.com/compute/shielded-vm/docs/shielded-vm
# custom:
#   id: VCH-GCP-0012
#   severity: MEDIUM
#   remediation: "Add shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true }."
#   inputs: [terraform]
#   resource_types: ["google_compute_instance"]
#   frameworks:
#     cis-gcp-foundations: ["4.8"]
package vouch.checks.gcp.shielded_vm

import data.vouch.lib

deny contains lib.result_at(r, ["shielded_instance_config"], sprintf("shielded VM feature off: %v", [off])) if {
	some r in input.types["google_compute_instance"]
	c := lib.block(r.attributes, "shielded_instance_config")
	off := [k | some k in ["enable_vtpm", "enable_integrity_monitoring"]; not_on(c, k)]
	count(off) > 0
}

# vTPM and integrity monitoring default to true once the block exists.
not_on(c, k) if count(c) == 0

not_on(c, k) if lib.explicitly_false(c, k)
