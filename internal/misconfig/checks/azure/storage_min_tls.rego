# METADATA
# title: Storage account accepts TLS below 1.2
# description: |
#   TLS 1.0 and 1.1 have known weaknesses and are retired by most clients.
# related_resources:
#   - https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
# custom:
#   id: VCH-AZU-0003
#   severity: MEDIUM
#   remediation: "Set min_tls_version = \"TLS1_2\"."
#   inputs: [terraform]
#   resource_types: ["azurerm_storage_account"]
#   frameworks:
#     cis-azure-foundations: ["3.15"]
package vouch.checks.azure.storage_min_tls

import data.vouch.lib

deny contains lib.result_at(r, ["min_tls_version"], sprintf("minimum TLS version is %v", [object.get(r.attributes, "min_tls_version", "unset")])) if {
	some r in input.types["azurerm_storage_account"]
	object.get(r.attributes, "min_tls_version", "TLS1_0") in {"TLS1_0", "TLS1_1"}
}
