package vouch.checks.azure.sql_auditing_test

import data.vouch.checks.azure.sql_auditing as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("azurerm_mssql_server", {"version": "12.0"})
}

test_allow_policy if {
	count(check.deny) == 0 with input as test.tf_all([
		["azurerm_mssql_server", "s", {}],
		["azurerm_mssql_server_extended_auditing_policy", "a", {"server_id": "azurerm_mssql_server.s.id", "retention_in_days": 90}],
	])
}
