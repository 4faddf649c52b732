# METADATA
# title: Key Vault secret or key has no expiry date
# description: |
#   Secrets and keys without an expiry are never forced to rotate.
# related_resources:
#   - https://learn.microsoft.com/azure/key-vault/secrets/about-secrets
# custom:
#   id: VCH-AZU-0014
#   severity: LOW
#   remediation: "Set expiration_date and rotate before it."
#   inputs: [terraform]
#   resource_types: ["azurerm_key_vault_secret", "azurerm_key_vault_key"]
#   frameworks:
#     cis-azure-foundations: ["8.1", "8.2"]
package vouch.checks.azure.keyvault_expiry

import data.vouch.lib

deny contains lib.result(r, sprintf("%s has no expiration date", [trim_prefix(r.type, "azurerm_key_vault_")])) if {
	some ty in {"azurerm_key_vault_secret", "azurerm_key_vault_key"}
	some r in input.types[ty]
	not r.attributes.expiration_date
}
