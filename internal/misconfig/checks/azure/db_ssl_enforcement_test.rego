package vouch.checks.azure.db_ssl_enforcement_test

import data.vouch.checks.azure.db_ssl_enforcement as check
import data.vouch.test

test_deny_disabled if {
	count(check.deny) == 1 with input as test.tf("azurerm_postgresql_server", {"ssl_enforcement_enabled": false})
}

test_allow_enabled if {
	count(check.deny) == 0 with input as test.tf("azurerm_mysql_server", {"ssl_enforcement_enabled": true})
}
