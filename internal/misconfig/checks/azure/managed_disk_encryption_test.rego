package vouch.checks.azure.managed_disk_encryption_test

import data.vouch.checks.azure.managed_disk_encryption as check
import data.vouch.test

test_deny_disabled if {
	count(check.deny) == 1 with input as test.tf("azurerm_managed_disk", {"encryption_settings": [{"enabled": false}]})
}

test_allow_enabled if {
	count(check.deny) == 0 with input as test.tf("azurerm_managed_disk", {"encryption_settings": [{"enabled": true}]})
}
