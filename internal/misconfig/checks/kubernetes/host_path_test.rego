package vouch.checks.kubernetes.host_path_test

import data.vouch.checks.kubernetes.host_path as check
import data.vouch.test

test_deny_host_path if {
	count(check.deny) == 1 with input as test.pod({"containers": [], "volumes": [{"name": "h", "hostPath": {"path": "/etc"}}]})
}

test_allow_empty_dir if {
	count(check.deny) == 0 with input as test.pod({"containers": [], "volumes": [{"name": "e", "emptyDir": {}}]})
}
