package vouch.checks.azure.app_service_https_test

import data.vouch.checks.azure.app_service_https as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("azurerm_app_service", {})
}

test_allow_https if {
	count(check.deny) == 0 with input as test.tf("azurerm_linux_web_app", {"https_only": true})
}
