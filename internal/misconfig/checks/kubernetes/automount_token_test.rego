package vouch.checks.kubernetes.automount_token_test

import data.vouch.checks.kubernetes.automount_token as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.pod({"containers": []})
}

test_allow_false if {
	count(check.deny) == 0 with input as test.pod({"automountServiceAccountToken": false, "containers": []})
}
