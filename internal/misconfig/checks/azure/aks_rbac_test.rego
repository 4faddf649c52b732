package vouch.checks.azure.aks_rbac_test

import data.vouch.checks.azure.aks_rbac as check
import data.vouch.test

test_deny_disabled if {
	count(check.deny) == 1 with input as test.tf("azurerm_kubernetes_cluster", {"role_based_access_control": [{"enabled": false}]})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.tf("azurerm_kubernetes_cluster", {"role_based_access_control_enabled": true})
}
