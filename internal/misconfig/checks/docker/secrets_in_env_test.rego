package vouch.checks.docker.secrets_in_env_test

import data.vouch.checks.docker.secrets_in_env as check
import data.vouch.test

test_deny_env if {
	count(check.deny) == 1 with input as test.dockerfile([["alpine:3.20", [test.cmd("env", "DB_PASSWORD=hunter22")]]])
}

test_deny_arg_default if {
	count(check.deny) == 1 with input as test.dockerfile([["alpine:3.20", [test.cmd("arg", "GITHUB_TOKEN=ghp_0123456789abcdef")]]])
}

test_allow_arg_without_default if {
	count(check.deny) == 0 with input as test.dockerfile([["alpine:3.20", [test.cmd("arg", "GITHUB_TOKEN")]]])
}

test_allow_setting if {
	count(check.deny) == 0 with input as test.dockerfile([["alpine:3.20", [test.cmd("env", "PORT=8080")]]])
}
