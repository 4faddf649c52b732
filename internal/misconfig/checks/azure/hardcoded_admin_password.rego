# METADATA
# title: Administrator password is written in the configuration
# description: |
#   A literal administrator password is in version control, in every clone,
#   in the plan and in the state file.
# related_resources:
#   - https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-overview
# custom:
#   id: VCH-AZU-0021
#   severity: HIGH
#   remediation: "Generate the password (random_password) or read it from Key Vault, and mark the variable sensitive; prefer Entra ID authentication."
#   inputs: [terraform]
#   resource_types: ["azurerm_mssql_server", "azurerm_sql_server", "azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server", "azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine"]
package vouch.checks.azure.hardcoded_admin_password

import data.vouch.lib
import data.vouch.lib.text

deny contains lib.result_at(r, [k], sprintf("%s is a literal value", [k])) if {
	some ty in {"azurerm_mssql_server", "azurerm_sql_server", "azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server", "azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine"}
	some r in input.types[ty]
	some k in ["administrator_login_password", "admin_password"]
	text.literal(r.attributes[k])
}

deny contains lib.result_at(r, ["os_profile", i, "admin_password"], "admin_password is a literal value") if {
	some r in input.types.azurerm_virtual_machine
	some i, p in lib.blocks(r.attributes, "os_profile")
	text.literal(p.admin_password)
}
