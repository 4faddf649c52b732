package vouch.checks.kubernetes.unsafe_sysctls_test

import data.vouch.checks.kubernetes.unsafe_sysctls as check
import data.vouch.test

test_deny_unsafe if {
	count(check.deny) == 1 with input as test.pod({"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "1"}]}, "containers": []})
}

test_allow_safe if {
	count(check.deny) == 0 with input as test.pod({"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}]}, "containers": []})
}
