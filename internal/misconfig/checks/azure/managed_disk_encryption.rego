# METADATA
# title: Managed disk encryption settings are disabled
# description: |
#   encryption_settings { enabled = false } turns off Azure Disk Encryption
#   for the disk.
# related_resources:
#   - https://learn.microsoft.com/azure/virtual-machines/disk-encryption
# custom:
#   id: VCH-AZU-0008
#   severity: HIGH
#   remediation: "Enable encryption_settings, or use a disk_encryption_set_id."
#   inputs: [terraform]
#   resource_types: ["azurerm_managed_disk"]
#   frameworks:
#     cis-azure-foundations: ["7.2"]
package vouch.checks.azure.managed_disk_encryption

import data.vouch.lib

deny contains lib.result_at(r, ["encryption_settings"], "disk encryption is disabled") if {
	some r in input.types["azurerm_managed_disk"]
	some e in lib.blocks(r.attributes, "encryption_settings")
	lib.explicitly_false(e, "enabled")
}
