package vouch.checks.gcp.gke_master_networks_test

import data.vouch.checks.gcp.gke_master_networks as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("google_container_cluster", {})
}

test_deny_open if {
	count(check.deny) == 1 with input as test.tf("google_container_cluster", {"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "0.0.0.0/0"}]}]})
}

test_allow_narrow if {
	count(check.deny) == 0 with input as test.tf("google_container_cluster", {"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "10.0.0.0/8"}]}]})
}
