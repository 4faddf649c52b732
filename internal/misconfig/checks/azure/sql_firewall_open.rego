# METADATA
# title: Database firewall rule allows every address
# description: |
#   A rule from 0.0.0.0 to 255.255.255.255 accepts connections from the
#   whole internet.
# related_resources:
#   - https://learn.microsoft.com/azure/azure-sql/database/firewall-configure
# custom:
#   id: VCH-AZU-0010
#   severity: HIGH
#   remediation: "Allow only the addresses that need the database, or use private endpoints."
#   inputs: [terraform]
#   resource_types: ["azurerm_sql_firewall_rule", "azurerm_mssql_firewall_rule", "azurerm_postgresql_firewall_rule", "azurerm_mysql_firewall_rule", "azurerm_mariadb_firewall_rule", "azurerm_postgresql_flexible_server_firewall_rule", "azurerm_mysql_flexible_server_firewall_rule"]
#   frameworks:
#     cis-azure-foundations: ["6.3"]
package vouch.checks.azure.sql_firewall_open

import data.vouch.lib

deny contains lib.result(r, sprintf("firewall allows %v-%v", [r.attributes.start_ip_address, r.attributes.end_ip_address])) if {
	some ty in {"azurerm_sql_firewall_rule", "azurerm_mssql_firewall_rule", "azurerm_postgresql_firewall_rule", "azurerm_mysql_firewall_rule", "azurerm_mariadb_firewall_rule", "azurerm_postgresql_flexible_server_firewall_rule", "azurerm_mysql_flexible_server_firewall_rule"}
	some r in input.types[ty]
	r.attributes.start_ip_address == "0.0.0.0"
	r.attributes.end_ip_address == "255.255.255.255"
}
