package vouch.checks.gcp.instance_default_sa_test

import data.vouch.checks.gcp.instance_default_sa as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("google_compute_instance", {"service_account": [{"scopes": ["cloud-platform"]}]})
}

test_allow_dedicated if {
	count(check.deny) == 0 with input as test.tf("google_compute_instance", {"service_account": [{"email": "app@p.iam.gserviceaccount.com", "scopes": ["cloud-platform"]}]})
}
