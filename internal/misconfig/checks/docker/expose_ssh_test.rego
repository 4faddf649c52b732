package vouch.checks.docker.expose_ssh_test

import data.vouch.checks.docker.expose_ssh as check
import data.vouch.test

test_deny_22 if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("expose", "22")]]])
}

test_allow_http if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("expose", "8080")]]])
}
