package vouch.checks.docker.no_healthcheck_test

import data.vouch.checks.docker.no_healthcheck as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.dockerfile([["nginx:1.27", []]])
}

test_allow_healthcheck if {
	count(check.deny) == 0 with input as test.dockerfile([["nginx:1.27", [test.cmd("healthcheck", "CMD curl -f http://localhost/")]]])
}
