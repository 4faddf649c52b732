package vouch.checks.azure.sql_firewall_open_test

import data.vouch.checks.azure.sql_firewall_open as check
import data.vouch.test

test_deny_all if {
	count(check.deny) == 1 with input as test.tf("azurerm_sql_firewall_rule", {"start_ip_address": "0.0.0.0", "end_ip_address": "255.255.255.255"})
}

test_allow_one if {
	count(check.deny) == 0 with input as test.tf("azurerm_mssql_firewall_rule", {"start_ip_address": "203.0.113.5", "end_ip_address": "203.0.113.5"})
}
