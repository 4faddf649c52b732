package vouch.checks.kubernetes.seccomp_test

import data.vouch.checks.kubernetes.seccomp as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.pod({"containers": [{"name": "a", "image": "a:1"}]})
}

test_allow_pod_level if {
	count(check.deny) == 0 with input as test.pod({"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a", "image": "a:1"}]})
}
