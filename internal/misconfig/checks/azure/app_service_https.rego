# METADATA
# title: App Service accepts plain HTTP
# description: |
#   Without https_only the app answers HTTP requests, cookies and
#   credentials included.
# related_resources:
#   - https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https
# custom:
#   id: VCH-AZU-0018
#   severity: HIGH
#   remediation: "Set https_only = true."
#   inputs: [terraform]
#   resource_types: ["azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_function_app", "azurerm_linux_function_app", "azurerm_windows_function_app"]
#   frameworks:
#     cis-azure-foundations: ["9.2"]
package vouch.checks.azure.app_service_https

import data.vouch.lib

deny contains lib.result_at(r, ["https_only"], "HTTPS is not enforced") if {
	some ty in {"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_function_app", "azurerm_linux_function_app", "azurerm_windows_function_app"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "https_only")
}
