package vouch.checks.kubernetes.read_only_root_fs_test

import data.vouch.checks.kubernetes.read_only_root_fs as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.pod({"containers": [{"name": "a", "image": "a:1"}]})
}

test_allow_read_only if {
	count(check.deny) == 0 with input as test.container({})
}
