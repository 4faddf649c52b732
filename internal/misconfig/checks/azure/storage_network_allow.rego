# METADATA
# title: Storage account network rules allow all networks
# description: |
#   A default action of Allow, or no network rules at all, accepts requests
#   from any network.
# related_resources:
#   - https://learn.microsoft.com/azure/storage/common/storage-network-security
# custom:
#   id: VCH-AZU-0004
#   severity: MEDIUM
#   remediation: "Set default_action = \"Deny\" and list the allowed networks and subnets."
#   inputs: [terraform]
#   resource_types: ["azurerm_storage_account", "azurerm_storage_account_network_rules"]
#   frameworks:
#     cis-azure-foundations: ["3.8"]
package vouch.checks.azure.storage_network_allow

import data.vouch.lib

deny contains lib.result_at(r, ["network_rules"], "network default action is Allow") if {
	some r in input.types["azurerm_storage_account"]
	some n in lib.blocks(r.attributes, "network_rules")
	n.default_action == "Allow"
}

# No network_rules block and no separate rules resource: the account takes
# requests from every network (unless public access is off).
deny contains lib.result(r, "no network rules: every network is allowed") if {
	some r in input.types["azurerm_storage_account"]
	count(lib.blocks(r.attributes, "network_rules")) == 0
	not separate_rules(r)
	not lib.explicitly_false(r.attributes, "public_network_access_enabled")
}

separate_rules(r) if {
	some x in input.types["azurerm_storage_account_network_rules"]
	lib.refers_to(x.attributes.storage_account_id, r)
}

deny contains lib.result_at(r, ["default_action"], "network default action is Allow") if {
	some r in input.types["azurerm_storage_account_network_rules"]
	r.attributes.default_action == "Allow"
}
