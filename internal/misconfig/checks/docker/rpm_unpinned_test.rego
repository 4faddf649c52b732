package vouch.checks.docker.rpm_unpinned_test

import data.vouch.checks.docker.rpm_unpinned as check
import data.vouch.test

test_deny_unpinned if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "dnf install -y curl")]]])
}

test_allow_pinned if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "dnf install -y curl-8.2.1")]]])
}
