# METADATA
# title: SQL server threat alerts are partly disabled or not sent to admins
# description: |
#   A security alert policy that disables alerts (SQL injection, anomalous
#   access …) or does not email the account administrators lets an attack on
#   the database go unnoticed.
# related_resources:
#   - https://learn.microsoft.com/azure/azure-sql/database/threat-detection-configure
# custom:
#   id: VCH-AZU-0023
#   severity: MEDIUM
#   remediation: "Leave disabled_alerts empty and set email_account_admins = true."
#   inputs: [terraform]
#   resource_types: ["azurerm_mssql_server_security_alert_policy"]
#   frameworks:
#     cis-azure-foundations: ["4.2.1"]
package vouch.checks.azure.sql_alert_policy

import data.vouch.lib

deny contains lib.result_at(r, ["disabled_alerts"], sprintf("alerts disabled: %v", [r.attributes.disabled_alerts])) if {
	some r in input.types.azurerm_mssql_server_security_alert_policy
	count(lib.as_list(object.get(r.attributes, "disabled_alerts", []))) > 0
}

deny contains lib.result_at(r, ["email_account_admins"], "alerts are not sent to account administrators") if {
	some r in input.types.azurerm_mssql_server_security_alert_policy
	lib.not_true(r.attributes, "email_account_admins")
}
