package vouch.checks.azure.nsg_public_ingress_test

import data.vouch.checks.azure.nsg_public_ingress as check
import data.vouch.test

test_deny_db if {
	count(check.deny) == 1 with input as test.tf("azurerm_network_security_rule", {"direction": "Inbound", "access": "Allow", "source_address_prefix": "*", "destination_port_range": "1433"})
}

test_allow_https if {
	count(check.deny) == 0 with input as test.tf("azurerm_network_security_rule", {"direction": "Inbound", "access": "Allow", "source_address_prefix": "*", "destination_port_range": "443"})
}
