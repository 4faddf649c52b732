package vouch.checks.kubernetes.rbac_exec_test

import data.vouch.checks.kubernetes.rbac_exec as check
import data.vouch.test

test_deny_exec if {
	count(check.deny) == 1 with input as test.k8s({"kind": "Role", "metadata": {"name": "r"}, "rules": [{"resources": ["pods/exec"], "verbs": ["create"]}]})
}

test_allow_logs if {
	count(check.deny) == 0 with input as test.k8s({"kind": "Role", "metadata": {"name": "r"}, "rules": [{"resources": ["pods/log"], "verbs": ["get"]}]})
}
