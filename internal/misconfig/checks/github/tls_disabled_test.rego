package vouch.checks.github.tls_disabled_test

import data.vouch.checks.github.tls_disabled as check
import data.vouch.test

test_deny_curl if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "curl --insecure https://internal/x -o x"}])
}

test_deny_env if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "git clone https://x", "env": {"GIT_SSL_NO_VERIFY": "true"}}])
}

test_allow_verified if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "curl -fsSL https://internal/x -o x"}])
}
