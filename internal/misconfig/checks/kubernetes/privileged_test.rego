package vouch.checks.kubernetes.privileged_test

import data.vouch.checks.kubernetes.privileged as check
import data.vouch.test

test_deny_privileged if {
	count(check.deny) == 1 with input as test.container({"securityContext": {"privileged": true}})
}

test_deny_deployment if {
	count(check.deny) == 1 with input as test.deployment({"containers": [{"name": "a", "image": "a:1", "securityContext": {"privileged": true}}]})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.container({})
}
