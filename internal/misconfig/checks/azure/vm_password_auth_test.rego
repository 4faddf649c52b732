package vouch.checks.azure.vm_password_auth_test

import data.vouch.checks.azure.vm_password_auth as check
import data.vouch.test

test_deny_password if {
	count(check.deny) == 1 with input as test.tf("azurerm_linux_virtual_machine", {"disable_password_authentication": false})
}

test_allow_keys if {
	count(check.deny) == 0 with input as test.tf("azurerm_linux_virtual_machine", {"admin_ssh_key": [{"username": "a"}]})
}
