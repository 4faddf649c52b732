package vouch.checks.azure.aks_api_ranges_test

import data.vouch.checks.azure.aks_api_ranges as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("azurerm_kubernetes_cluster", {})
}

test_allow_ranges if {
	count(check.deny) == 0 with input as test.tf("azurerm_kubernetes_cluster", {"api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.0/24"]}]})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("azurerm_kubernetes_cluster", {"private_cluster_enabled": true})
}
