package vouch.checks.gcp.gke_private_nodes_test

import data.vouch.checks.gcp.gke_private_nodes as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("google_container_cluster", {})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("google_container_cluster", {"private_cluster_config": [{"enable_private_nodes": true}]})
}
