package vouch.checks.kubernetes.privilege_escalation_test

import data.vouch.checks.kubernetes.privilege_escalation as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.pod({"containers": [{"name": "a", "image": "a:1"}]})
}

test_allow_false if {
	count(check.deny) == 0 with input as test.container({})
}
