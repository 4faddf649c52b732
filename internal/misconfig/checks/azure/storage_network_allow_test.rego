package vouch.checks.azure.storage_network_allow_test

import data.vouch.checks.azure.storage_network_allow as check
import data.vouch.test

test_deny_allow if {
	count(check.deny) == 1 with input as test.tf("azurerm_storage_account_network_rules", {"default_action": "Allow"})
}

test_allow_deny if {
	count(check.deny) == 0 with input as test.tf("azurerm_storage_account", {"network_rules": [{"default_action": "Deny"}]})
}
