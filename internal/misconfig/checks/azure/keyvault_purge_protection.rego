# METADATA
# title: Key Vault purge protection is not enabled
# description: |
#   Without purge protection a deleted vault, and every key and secret in
#   it, can be destroyed for good before the retention period ends.
# related_resources:
#   - https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
# custom:
#   id: VCH-AZU-0012
#   severity: MEDIUM
#   remediation: "Set purge_protection_enabled = true."
#   inputs: [terraform]
#   resource_types: ["azurerm_key_vault"]
#   frameworks:
#     cis-azure-foundations: ["8.5"]
package vouch.checks.azure.keyvault_purge_protection

import data.vouch.lib

deny contains lib.result_at(r, ["purge_protection_enabled"], "purge protection is not enabled") if {
	some ty in {"azurerm_key_vault"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "purge_protection_enabled")
}
