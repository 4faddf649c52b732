package vouch.checks.azure.sql_public_network_test

import data.vouch.checks.azure.sql_public_network as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("azurerm_mssql_server", {"version": "12.0"})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("azurerm_mssql_server", {"public_network_access_enabled": false})
}
