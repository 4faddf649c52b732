package vouch.checks.kubernetes.run_as_uid_zero_test

import data.vouch.checks.kubernetes.run_as_uid_zero as check
import data.vouch.test

test_deny_root if {
	count(check.deny) == 1 with input as test.container({"securityContext": {"runAsUser": 0}})
}

test_allow_user if {
	count(check.deny) == 0 with input as test.container({})
}
