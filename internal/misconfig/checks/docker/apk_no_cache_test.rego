package vouch.checks.docker.apk_no_cache_test

import data.vouch.checks.docker.apk_no_cache as check
import data.vouch.test

test_deny_cache if {
	count(check.deny) == 1 with input as test.dockerfile([["alpine:3.20", [test.cmd("run", "apk add curl")]]])
}

test_allow_no_cache if {
	count(check.deny) == 0 with input as test.dockerfile([["alpine:3.20", [test.cmd("run", "apk add --no-cache curl")]]])
}
