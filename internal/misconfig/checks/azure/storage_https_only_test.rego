package vouch.checks.azure.storage_https_only_test

import data.vouch.checks.azure.storage_https_only as check
import data.vouch.test

test_deny_http if {
	count(check.deny) == 1 with input as test.tf("azurerm_storage_account", {"enable_https_traffic_only": false})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.tf("azurerm_storage_account", {"name": "sa"})
}
