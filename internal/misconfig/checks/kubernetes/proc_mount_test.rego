package vouch.checks.kubernetes.proc_mount_test

import data.vouch.checks.kubernetes.proc_mount as check
import data.vouch.test

test_deny_unmasked if {
	count(check.deny) == 1 with input as test.container({"securityContext": {"procMount": "Unmasked"}})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.container({})
}
