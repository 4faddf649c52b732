package vouch.checks.github.secrets_inherit_test

import data.vouch.checks.github.secrets_inherit as check
import data.vouch.test

test_deny_inherit if {
	count(check.deny) == 1 with input as test.gha({"on": "push", "jobs": {"call": {"uses": "./.github/workflows/b.yml", "secrets": "inherit"}}})
}

test_allow_named if {
	count(check.deny) == 0 with input as test.gha({"on": "push", "jobs": {"call": {"uses": "./.github/workflows/b.yml", "secrets": {"TOKEN": "${{ secrets.TOKEN }}"}}}})
}
