# METADATA
# title: Storage account accepts plain HTTP
# description: |
#   Requests to the account, keys and SAS tokens included, may travel
#   unencrypted.
# related_resources:
#   - https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer
# custom:
#   id: VCH-AZU-0002
#   severity: HIGH
#   remediation: "Set https_traffic_only_enabled = true (enable_https_traffic_only on older providers)."
#   inputs: [terraform]
#   resource_types: ["azurerm_storage_account"]
#   frameworks:
#     cis-azure-foundations: ["3.1"]
package vouch.checks.azure.storage_https_only

import data.vouch.lib

deny contains lib.result_at(r, [k], "HTTP traffic is allowed") if {
	some r in input.types["azurerm_storage_account"]
	some k in ["enable_https_traffic_only", "https_traffic_only_enabled"]
	lib.explicitly_false(r.attributes, k)
}
