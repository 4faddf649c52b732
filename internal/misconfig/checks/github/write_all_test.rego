package vouch.checks.github.write_all_test

import data.vouch.checks.github.write_all as check
import data.vouch.test

test_deny_top if {
	count(check.deny) == 1 with input as test.gha({"on": "push", "permissions": "write-all", "jobs": {}})
}

test_deny_job if {
	count(check.deny) == 1 with input as test.gha_job({"permissions": "write-all", "steps": []})
}

test_allow_read if {
	count(check.deny) == 0 with input as test.gha_job({"permissions": "read-all", "steps": []})
}
