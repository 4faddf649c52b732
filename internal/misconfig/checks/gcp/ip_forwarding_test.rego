package vouch.checks.gcp.ip_forwarding_test

import data.vouch.checks.gcp.ip_forwarding as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("google_compute_instance", {"can_ip_forward": true})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("google_compute_instance", {"can_ip_forward": false})
}
