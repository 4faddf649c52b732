package vouch.checks.azure.keyvault_expiry_test

import data.vouch.checks.azure.keyvault_expiry as check
import data.vouch.test

test_deny_secret if {
	count(check.deny) == 1 with input as test.tf("azurerm_key_vault_secret", {"name": "s", "value": "var.s"})
}

test_allow_expiry if {
	count(check.deny) == 0 with input as test.tf("azurerm_key_vault_key", {"expiration_date": "2026-12-31T00:00:00Z"})
}
