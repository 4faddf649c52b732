package vouch.checks.gcp.shielded_vm_test

import data.vouch.checks.gcp.shielded_vm as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("google_compute_instance", {})
}

test_allow_shielded if {
	count(check.deny) == 0 with input as test.tf("google_compute_instance", {"shielded_instance_config": [{"enable_secure_boot": true}]})
}
