package vouch.checks.kubernetes.low_uid_test

import data.vouch.checks.kubernetes.low_uid as check
import data.vouch.test

test_deny_low if {
	count(check.deny) == 1 with input as test.container({"securityContext": {"runAsUser": 1000}})
}

test_allow_high if {
	count(check.deny) == 0 with input as test.container({})
}
