package vouch.checks.kubernetes.host_ipc_test

import data.vouch.checks.kubernetes.host_ipc as check
import data.vouch.test

test_deny_host if {
	count(check.deny) == 1 with input as test.pod({"hostIPC": true, "containers": []})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.pod({"containers": []})
}
