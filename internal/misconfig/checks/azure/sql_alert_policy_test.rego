package vouch.checks.azure.sql_alert_policy_test

import data.vouch.checks.azure.sql_alert_policy as check
import data.vouch.test

test_deny_disabled if {
	count(check.deny) == 1 with input as test.tf("azurerm_mssql_server_security_alert_policy", {"state": "Enabled", "disabled_alerts": ["Sql_Injection"], "email_account_admins": true})
}

test_deny_no_admins if {
	count(check.deny) == 1 with input as test.tf("azurerm_mssql_server_security_alert_policy", {"state": "Enabled"})
}

test_allow_complete if {
	count(check.deny) == 0 with input as test.tf("azurerm_mssql_server_security_alert_policy", {"state": "Enabled", "email_account_admins": true})
}
