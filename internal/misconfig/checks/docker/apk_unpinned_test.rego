package vouch.checks.docker.apk_unpinned_test

import data.vouch.checks.docker.apk_unpinned as check
import data.vouch.test

test_deny_unpinned if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "apk add --no-cache curl")]]])
}

test_allow_pinned if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "apk add --no-cache curl=8.9.1-r0")]]])
}
