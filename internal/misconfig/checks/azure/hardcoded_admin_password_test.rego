package vouch.checks.azure.hardcoded_admin_password_test

import data.vouch.checks.azure.hardcoded_admin_password as check
import data.vouch.test

test_deny_sql if {
	count(check.deny) == 1 with input as test.tf("azurerm_mssql_server", {"administrator_login": "admin", "administrator_login_password": "AdminPassword123!"})
}

test_deny_vm if {
	count(check.deny) == 1 with input as test.tf("azurerm_windows_virtual_machine", {"admin_password": "P@ssw0rd1234!"})
}

test_allow_reference if {
	count(check.deny) == 0 with input as test.tf("azurerm_mssql_server", {"administrator_login_password": "random_password.sql.result"})
}
