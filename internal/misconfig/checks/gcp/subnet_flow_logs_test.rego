package vouch.checks.gcp.subnet_flow_logs_test

import data.vouch.checks.gcp.subnet_flow_logs as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("google_compute_subnetwork", {"ip_cidr_range": "10.0.0.0/24"})
}

test_allow_logs if {
	count(check.deny) == 0 with input as test.tf("google_compute_subnetwork", {"log_config": [{"aggregation_interval": "INTERVAL_5_SEC"}]})
}
