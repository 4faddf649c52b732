package vouch.checks.kubernetes.rbac_secrets_test

import data.vouch.checks.kubernetes.rbac_secrets as check
import data.vouch.test

test_deny_list if {
	count(check.deny) == 1 with input as test.k8s({"kind": "ClusterRole", "metadata": {"name": "r"}, "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}]})
}

test_allow_named if {
	count(check.deny) == 0 with input as test.k8s({"kind": "Role", "metadata": {"name": "r"}, "rules": [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["app-tls"], "verbs": ["get"]}]})
}
