package vouch.checks.docker.user_root_test

import data.vouch.checks.docker.user_root as check
import data.vouch.test

test_deny_root if {
	count(check.deny) == 1 with input as test.dockerfile([["ubuntu:24.04", [test.cmd("user", "app"), test.cmd("user", "root")]]])
}

test_allow_switch_back if {
	count(check.deny) == 0 with input as test.dockerfile([["ubuntu:24.04", [test.cmd("user", "root"), test.cmd("run", "apt-get update"), test.cmd("user", "app")]]])
}
