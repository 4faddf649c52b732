package vouch.checks.kubernetes.rbac_wildcard_test

import data.vouch.checks.kubernetes.rbac_wildcard as check
import data.vouch.test

test_deny_star if {
	count(check.deny) == 1 with input as test.k8s({"kind": "ClusterRole", "metadata": {"name": "r"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["*"]}]})
}

test_allow_scoped if {
	count(check.deny) == 0 with input as test.k8s({"kind": "Role", "metadata": {"name": "r"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]})
}
