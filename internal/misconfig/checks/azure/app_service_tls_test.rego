package vouch.checks.azure.app_service_tls_test

import data.vouch.checks.azure.app_service_tls as check
import data.vouch.test

test_deny_old if {
	count(check.deny) == 1 with input as test.tf("azurerm_app_service", {"site_config": [{"min_tls_version": "1.0"}]})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.tf("azurerm_app_service", {"site_config": [{}]})
}
