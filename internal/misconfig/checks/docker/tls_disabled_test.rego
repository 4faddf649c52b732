package vouch.checks.docker.tls_disabled_test

import data.vouch.checks.docker.tls_disabled as check
import data.vouch.test

test_deny_curl_k if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "curl -fsSLk https://example.com/x -o x")]]])
}

test_deny_env if {
	count(check.deny) == 1 with input as test.dockerfile([["node:20", [test.cmd("env", "NODE_TLS_REJECT_UNAUTHORIZED=0")]]])
}

test_allow_verified if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "curl -fsSL https://example.com/x -o x")]]])
}
