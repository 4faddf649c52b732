package vouch.checks.azure.storage_public_access_test

import data.vouch.checks.azure.storage_public_access as check
import data.vouch.test

test_deny_account if {
	count(check.deny) == 1 with input as test.tf("azurerm_storage_account", {"allow_nested_items_to_be_public": true})
}

test_deny_container if {
	count(check.deny) == 1 with input as test.tf("azurerm_storage_container", {"container_access_type": "blob"})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("azurerm_storage_container", {"container_access_type": "private"})
}
