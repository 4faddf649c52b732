package vouch.checks.azure.aks_network_policy_test

import data.vouch.checks.azure.aks_network_policy as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("azurerm_kubernetes_cluster", {})
}

test_allow_policy if {
	count(check.deny) == 0 with input as test.tf("azurerm_kubernetes_cluster", {"network_profile": [{"network_plugin": "azure", "network_policy": "azure"}]})
}
