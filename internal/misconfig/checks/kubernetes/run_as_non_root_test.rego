package vouch.checks.kubernetes.run_as_non_root_test

import data.vouch.checks.kubernetes.run_as_non_root as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.pod({"containers": [{"name": "a", "image": "a:1"}]})
}

test_allow_pod_level if {
	count(check.deny) == 0 with input as test.pod({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a", "image": "a:1"}]})
}

test_allow_uid if {
	count(check.deny) == 0 with input as test.pod({"containers": [{"name": "a", "image": "a:1", "securityContext": {"runAsUser": 1000}}]})
}
