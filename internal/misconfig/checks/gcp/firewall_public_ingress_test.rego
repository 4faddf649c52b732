package vouch.checks.gcp.firewall_public_ingress_test

import data.vouch.checks.gcp.firewall_public_ingress as check
import data.vouch.test

test_deny_open if {
	count(check.deny) == 1 with input as test.tf("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["8080"]}]})
}

test_allow_internal if {
	count(check.deny) == 0 with input as test.tf("google_compute_firewall", {"source_ranges": ["10.0.0.0/8"], "allow": [{"protocol": "tcp"}]})
}
