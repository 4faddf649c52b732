package vouch.checks.azure.vm_public_ip_test

import data.vouch.checks.azure.vm_public_ip as check
import data.vouch.test

test_deny_public if {
	count(check.deny) == 1 with input as test.tf("azurerm_network_interface", {"ip_configuration": [{"public_ip_address_id": "azurerm_public_ip.p.id"}]})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("azurerm_network_interface", {"ip_configuration": [{"private_ip_address_allocation": "Dynamic"}]})
}
