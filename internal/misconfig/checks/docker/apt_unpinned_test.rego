package vouch.checks.docker.apt_unpinned_test

import data.vouch.checks.docker.apt_unpinned as check
import data.vouch.test

test_deny_unpinned if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "apt-get update && apt-get install -y curl git")]]])
}

test_allow_pinned if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "apt-get install -y --no-install-recommends curl=8.5.0-2 git=1:2.43.0-1")]]])
}
