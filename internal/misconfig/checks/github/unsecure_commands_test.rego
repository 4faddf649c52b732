package vouch.checks.github.unsecure_commands_test

import data.vouch.checks.github.unsecure_commands as check
import data.vouch.test

test_deny_enabled if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "echo ::set-env name=X::1", "env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "true"}}])
}

test_allow_absent if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "echo X=1 >> $GITHUB_ENV"}])
}
