package vouch.checks.azure.keyvault_network_test

import data.vouch.checks.azure.keyvault_network as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("azurerm_key_vault", {})
}

test_allow_deny if {
	count(check.deny) == 0 with input as test.tf("azurerm_key_vault", {"network_acls": [{"default_action": "Deny", "bypass": "AzureServices"}]})
}
