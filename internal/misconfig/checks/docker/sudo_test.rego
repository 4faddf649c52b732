package vouch.checks.docker.sudo_test

import data.vouch.checks.docker.sudo as check
import data.vouch.test

test_deny_sudo if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "sudo apt-get install -y curl")]]])
}

test_allow_plain if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "apt-get install -y sudo-less")]]])
}
