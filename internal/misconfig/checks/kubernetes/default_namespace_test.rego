package vouch.checks.kubernetes.default_namespace_test

import data.vouch.checks.kubernetes.default_namespace as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.k8s({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": []}})
}

test_allow_namespace if {
	count(check.deny) == 0 with input as test.pod({"containers": []})
}
