package vouch.checks.gcp.instance_public_ip_test

import data.vouch.checks.gcp.instance_public_ip as check
import data.vouch.test

test_deny_access_config if {
	count(check.deny) == 1 with input as test.tf("google_compute_instance", {"network_interface": [{"network": "default", "access_config": [{}]}]})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("google_compute_instance", {"network_interface": [{"network": "default"}]})
}
