package vouch.checks.azure.storage_network_allow_test

import data.vouch.checks.azure.storage_network_allow as check
import data.vouch.test

test_deny_allow if {
	count(check.deny) == 1 with input as test.tf("azurerm_storage_account_network_rules", {"default_action": "Allow"})
}

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("azurerm_storage_account", {"name": "sa"})
}

test_allow_deny if {
	count(check.deny) == 0 with input as test.tf("azurerm_storage_account", {"network_rules": [{"default_action": "Deny"}]})
}

test_allow_separate_rules if {
	count(check.deny) == 0 with input as test.tf_all([["azurerm_storage_account", "sa", {}], ["azurerm_storage_account_network_rules", "r", {"storage_account_id": "azurerm_storage_account.sa.id", "default_action": "Deny"}]])
}
