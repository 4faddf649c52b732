package vouch.checks.docker.add_instead_of_copy_test

import data.vouch.checks.docker.add_instead_of_copy as check
import data.vouch.test

test_deny_local if {
	count(check.deny) == 1 with input as test.dockerfile([["alpine:3.20", [object.union(test.cmd("add", "x"), {"args": ["app.py", "/app/"]})]]])
}

test_allow_archive if {
	count(check.deny) == 0 with input as test.dockerfile([["alpine:3.20", [object.union(test.cmd("add", "x"), {"args": ["rootfs.tar.gz", "/"]})]]])
}
