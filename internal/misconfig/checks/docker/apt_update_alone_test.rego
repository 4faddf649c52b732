package vouch.checks.docker.apt_update_alone_test

import data.vouch.checks.docker.apt_update_alone as check
import data.vouch.test

test_deny_alone if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "apt-get update"), test.cmd("run", "apt-get install -y curl")]]])
}

test_allow_together if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "apt-get update && apt-get install -y curl")]]])
}
