package vouch.checks.kubernetes.unconfined_profile_test

import data.vouch.checks.kubernetes.unconfined_profile as check
import data.vouch.test

test_deny_unconfined if {
	count(check.deny) == 1 with input as test.container({"securityContext": {"seccompProfile": {"type": "Unconfined"}}})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.container({})
}
