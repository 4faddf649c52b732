# METADATA
# title: Storage account allows public blob access
# description: |
#   When public access is allowed on the account, any container set to blob
#   or container access is readable anonymously.
# related_resources:
#   - https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent
# custom:
#   id: VCH-AZU-0001
#   severity: HIGH
#   remediation: "Set allow_nested_items_to_be_public = false on the account and container_access_type = \"private\" on containers."
#   inputs: [terraform]
#   resource_types: ["azurerm_storage_account", "azurerm_storage_container"]
#   frameworks:
#     cis-azure-foundations: ["3.7"]
package vouch.checks.azure.storage_public_access

import data.vouch.lib

deny contains lib.result_at(r, [k], sprintf("%s is true", [k])) if {
	some r in input.types["azurerm_storage_account"]
	some k in ["allow_blob_public_access", "allow_nested_items_to_be_public"]
	lib.is_true(r.attributes[k])
}

deny contains lib.result_at(r, ["container_access_type"], sprintf("container access type is %q", [r.attributes.container_access_type])) if {
	some r in input.types["azurerm_storage_container"]
	r.attributes.container_access_type in {"blob", "container"}
}
