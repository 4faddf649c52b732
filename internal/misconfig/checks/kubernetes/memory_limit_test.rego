package vouch.checks.kubernetes.memory_limit_test

import data.vouch.checks.kubernetes.memory_limit as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.pod({"containers": [{"name": "a", "image": "a:1"}]})
}

test_allow_set if {
	count(check.deny) == 0 with input as test.container({})
}
