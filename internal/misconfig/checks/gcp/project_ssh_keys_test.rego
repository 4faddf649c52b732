package vouch.checks.gcp.project_ssh_keys_test

import data.vouch.checks.gcp.project_ssh_keys as check
import data.vouch.test

test_deny_false if {
	count(check.deny) == 1 with input as test.tf("google_compute_instance", {"metadata": {"block-project-ssh-keys": false}})
}

test_allow_blocked if {
	count(check.deny) == 0 with input as test.tf("google_compute_instance", {"metadata": {"block-project-ssh-keys": true}})
}

test_allow_oslogin if {
	count(check.deny) == 0 with input as test.tf("google_compute_instance", {"metadata": {"enable-oslogin": "TRUE"}})
}
