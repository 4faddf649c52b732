package vouch.checks.github.checkout_persist_credentials_test

import data.vouch.checks.github.checkout_persist_credentials as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.gha_steps([{"uses": "actions/checkout@v4"}])
}

test_allow_false if {
	count(check.deny) == 0 with input as test.gha_steps([{"uses": "actions/checkout@v4", "with": {"persist-credentials": false}}])
}
