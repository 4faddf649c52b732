package vouch.checks.kubernetes.added_capabilities_test

import data.vouch.checks.kubernetes.added_capabilities as check
import data.vouch.test

test_deny_sys_admin if {
	count(check.deny) == 1 with input as test.container({"securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}}})
}

test_allow_bind if {
	count(check.deny) == 0 with input as test.container({"securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}}})
}
