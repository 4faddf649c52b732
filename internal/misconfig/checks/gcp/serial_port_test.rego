package vouch.checks.gcp.serial_port_test

import data.vouch.checks.gcp.serial_port as check
import data.vouch.test

test_deny_enabled if {
	count(check.deny) == 1 with input as test.tf("google_compute_instance", {"metadata": {"serial-port-enable": true}})
}

test_allow_disabled if {
	count(check.deny) == 0 with input as test.tf("google_compute_instance", {"metadata": {"serial-port-enable": "false"}})
}
