package vouch.checks.github.missing_permissions_test

import data.vouch.checks.github.missing_permissions as check
import data.vouch.test

test_deny_none if {
	count(check.deny) == 1 with input as test.gha({"on": "push", "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": []}}})
}

test_allow_top if {
	count(check.deny) == 0 with input as test.gha({"on": "push", "permissions": {"contents": "read"}, "jobs": {"build": {"steps": []}}})
}

test_allow_job if {
	count(check.deny) == 0 with input as test.gha({"on": "push", "jobs": {"build": {"permissions": {}, "steps": []}}})
}
