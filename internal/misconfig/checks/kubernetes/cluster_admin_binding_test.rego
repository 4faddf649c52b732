package vouch.checks.kubernetes.cluster_admin_binding_test

import data.vouch.checks.kubernetes.cluster_admin_binding as check
import data.vouch.test

test_deny_sa if {
	count(check.deny) == 1 with input as test.k8s({"kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"kind": "ClusterRole", "name": "cluster-admin"}, "subjects": [{"kind": "ServiceAccount", "name": "default", "namespace": "default"}]})
}

test_allow_view if {
	count(check.deny) == 0 with input as test.k8s({"kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"kind": "ClusterRole", "name": "view"}, "subjects": [{"kind": "User", "name": "a"}]})
}
