# METADATA
# title: SQL server has no auditing
# description: |
#   Without an auditing policy, logins and queries against the server leave
#   no trace to investigate.
# related_resources:
#   - https://learn.microsoft.com/azure/azure-sql/database/auditing-overview
# custom:
#   id: VCH-AZU-0022
#   severity: MEDIUM
#   remediation: "Add an azurerm_mssql_server_extended_auditing_policy (or extended_auditing_policy block) sending to storage or Log Analytics."
#   inputs: [terraform]
#   resource_types: ["azurerm_mssql_server", "azurerm_sql_server"]
#   frameworks:
#     cis-azure-foundations: ["4.1.1"]
package vouch.checks.azure.sql_auditing

import data.vouch.lib

audited(r) if count(lib.blocks(r.attributes, "extended_auditing_policy")) > 0

audited(r) if {
	some a in input.types.azurerm_mssql_server_extended_auditing_policy
	lib.refers_to(a.attributes.server_id, r)
}

deny contains lib.result(r, "server has no auditing policy") if {
	some ty in {"azurerm_mssql_server", "azurerm_sql_server"}
	some r in input.types[ty]
	not audited(r)
}
