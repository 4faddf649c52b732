# METADATA
# title: App Service accepts TLS below 1.2
# description: |
#   TLS 1.0 and 1.1 are deprecated.
# related_resources:
#   - https://learn.microsoft.com/azure/app-service/overview-tls
# custom:
#   id: VCH-AZU-0019
#   severity: HIGH
#   remediation: "Set site_config { min_tls_version = \"1.2\" }."
#   inputs: [terraform]
#   resource_types: ["azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"]
#   frameworks:
#     cis-azure-foundations: ["9.3"]
package vouch.checks.azure.app_service_tls

import data.vouch.lib

deny contains lib.result_at(r, ["site_config"], sprintf("minimum TLS version is %v", [v])) if {
	some ty in {"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"}
	some r in input.types[ty]
	sc := lib.block(r.attributes, "site_config")
	v := object.get(sc, "min_tls_version", object.get(sc, "minimum_tls_version", "1.2"))
	v in {"1.0", "1.1"}
}
