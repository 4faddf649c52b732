package vouch.checks.azure.storage_min_tls_test

import data.vouch.checks.azure.storage_min_tls as check
import data.vouch.test

test_deny_old if {
	count(check.deny) == 1 with input as test.tf("azurerm_storage_account", {"min_tls_version": "TLS1_0"})
}

test_allow_12 if {
	count(check.deny) == 0 with input as test.tf("azurerm_storage_account", {"min_tls_version": "TLS1_2"})
}
