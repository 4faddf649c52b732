package vouch.checks.gcp.gke_network_policy_test

import data.vouch.checks.gcp.gke_network_policy as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("google_container_cluster", {})
}

test_allow_enabled if {
	count(check.deny) == 0 with input as test.tf("google_container_cluster", {"network_policy": [{"enabled": true}]})
}

test_allow_dataplane_v2 if {
	count(check.deny) == 0 with input as test.tf("google_container_cluster", {"datapath_provider": "ADVANCED_DATAPATH"})
}
