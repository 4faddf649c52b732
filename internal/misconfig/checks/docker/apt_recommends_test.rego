package vouch.checks.docker.apt_recommends_test

import data.vouch.checks.docker.apt_recommends as check
import data.vouch.test

test_deny_recommends if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "apt-get install -y curl")]]])
}

test_allow_no_recommends if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "apt-get install -y --no-install-recommends curl")]]])
}
