package vouch.checks.github.prt_checkout_head_test

import data.vouch.checks.github.prt_checkout_head as check
import data.vouch.test

test_deny_prt if {
	count(check.deny) == 1 with input as test.gha({"on": "pull_request_target", "permissions": {}, "jobs": {"t": {"steps": [{"uses": "actions/checkout@v4", "with": {"ref": "${{ github.event.pull_request.head.sha }}"}}, {"run": "make test"}]}}})
}

test_allow_pull_request if {
	count(check.deny) == 0 with input as test.gha({"on": "pull_request", "permissions": {}, "jobs": {"t": {"steps": [{"uses": "actions/checkout@v4", "with": {"ref": "${{ github.event.pull_request.head.sha }}"}}]}}})
}

test_allow_prt_base if {
	count(check.deny) == 0 with input as test.gha({"on": ["pull_request_target"], "permissions": {}, "jobs": {"label": {"steps": [{"uses": "actions/checkout@v4"}]}}})
}
