package vouch.checks.docker.no_user_test

import data.vouch.checks.docker.no_user as check
import data.vouch.test

test_deny_no_user if {
	count(check.deny) == 1 with input as test.dockerfile([["alpine:3.20", [test.cmd("run", "apk add curl")]]])
}

test_allow_user if {
	count(check.deny) == 0 with input as test.dockerfile([["alpine:3.20", [test.cmd("user", "app")]]])
}

test_allow_builder_without_user if {
	count(check.deny) == 0 with input as test.dockerfile([["golang:1.22", [test.cmd("run", "go build")]], ["alpine:3.20", [test.cmd("user", "10001")]]])
}
