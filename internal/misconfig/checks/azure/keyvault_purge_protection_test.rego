package vouch.checks.azure.keyvault_purge_protection_test

import data.vouch.checks.azure.keyvault_purge_protection as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("azurerm_key_vault", {"purge_protection_enabled": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("azurerm_key_vault", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("azurerm_key_vault", {"purge_protection_enabled": true})
}
