# METADATA
# title: Database server accepts connections from public networks
# description: |
#   Public network access is on by default: the server has a public endpoint
#   guarded only by its firewall rules.
# related_resources:
#   - https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings
# custom:
#   id: VCH-AZU-0011
#   severity: MEDIUM
#   remediation: "Set public_network_access_enabled = false and connect through private endpoints."
#   inputs: [terraform]
#   resource_types: ["azurerm_mssql_server", "azurerm_sql_server", "azurerm_mysql_server", "azurerm_postgresql_server", "azurerm_mariadb_server"]
package vouch.checks.azure.sql_public_network

import data.vouch.lib

deny contains lib.result_at(r, ["public_network_access_enabled"], "public network access is enabled") if {
	some ty in {"azurerm_mssql_server", "azurerm_sql_server", "azurerm_mysql_server", "azurerm_postgresql_server", "azurerm_mariadb_server"}
	some r in input.types[ty]
	not lib.explicitly_false(r.attributes, "public_network_access_enabled")
}
