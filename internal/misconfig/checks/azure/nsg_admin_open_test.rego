package vouch.checks.azure.nsg_admin_open_test

import data.vouch.checks.azure.nsg_admin_open as check
import data.vouch.test

test_deny_ssh if {
	count(check.deny) == 1 with input as test.tf("azurerm_network_security_group", {"security_rule": [{"direction": "Inbound", "access": "Allow", "source_address_prefix": "*", "destination_port_range": "22-22"}]})
}

test_deny_rule if {
	count(check.deny) == 1 with input as test.tf("azurerm_network_security_rule", {"direction": "Inbound", "access": "Allow", "source_address_prefix": "Internet", "destination_port_range": "3389"})
}

test_allow_vnet if {
	count(check.deny) == 0 with input as test.tf("azurerm_network_security_rule", {"direction": "Inbound", "access": "Allow", "source_address_prefix": "VirtualNetwork", "destination_port_range": "22"})
}
