package vouch.checks.gcp.gke_basic_auth_test

import data.vouch.checks.gcp.gke_basic_auth as check
import data.vouch.test

test_deny_password if {
	count(check.deny) == 1 with input as test.tf("google_container_cluster", {"master_auth": [{"username": "admin", "password": "a-very-long-password"}]})
}

test_allow_none if {
	count(check.deny) == 0 with input as test.tf("google_container_cluster", {"master_auth": [{"client_certificate_config": [{"issue_client_certificate": false}]}]})
}
