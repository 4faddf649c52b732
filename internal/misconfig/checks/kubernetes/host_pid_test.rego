package vouch.checks.kubernetes.host_pid_test

import data.vouch.checks.kubernetes.host_pid as check
import data.vouch.test

test_deny_host if {
	count(check.deny) == 1 with input as test.pod({"hostPID": true, "containers": []})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.pod({"containers": []})
}
