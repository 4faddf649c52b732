# METADATA
# title: Key Vault accepts requests from any network
# description: |
#   Without network ACLs denying by default, the vault answers requests from
#   the whole internet.
# related_resources:
#   - https://learn.microsoft.com/azure/key-vault/general/network-security
# custom:
#   id: VCH-AZU-0013
#   severity: MEDIUM
#   remediation: "Add network_acls { default_action = \"Deny\", bypass = \"AzureServices\" } with the allowed networks."
#   inputs: [terraform]
#   resource_types: ["azurerm_key_vault"]
package vouch.checks.azure.keyvault_network

import data.vouch.lib

deny contains lib.result_at(r, ["network_acls"], "network default action is not Deny") if {
	some r in input.types["azurerm_key_vault"]
	object.get(lib.block(r.attributes, "network_acls"), "default_action", "Allow") != "Deny"
}
