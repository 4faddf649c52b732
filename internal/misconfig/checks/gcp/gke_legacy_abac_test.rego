package vouch.checks.gcp.gke_legacy_abac_test

import data.vouch.checks.gcp.gke_legacy_abac as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("google_container_cluster", {"enable_legacy_abac": true})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("google_container_cluster", {"enable_legacy_abac": false})
}
