package vouch.checks.gcp.firewall_admin_open_test

import data.vouch.checks.gcp.firewall_admin_open as check
import data.vouch.test

test_deny_ssh if {
	count(check.deny) == 1 with input as test.tf("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}]})
}

test_deny_all if {
	count(check.deny) == 1 with input as test.tf("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "all"}]})
}

test_allow_iap if {
	count(check.deny) == 0 with input as test.tf("google_compute_firewall", {"source_ranges": ["35.235.240.0/20"], "allow": [{"protocol": "tcp", "ports": ["22"]}]})
}

test_allow_web if {
	count(check.deny) == 0 with input as test.tf("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["80", "443"]}]})
}
