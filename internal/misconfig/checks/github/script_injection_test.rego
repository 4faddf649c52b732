package vouch.checks.github.script_injection_test

import data.vouch.checks.github.script_injection as check
import data.vouch.test

test_deny_issue_title if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "echo \"${{ github.event.issue.title }}\""}])
}

test_deny_head_ref if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "git checkout ${{ github.head_ref }}"}])
}

test_allow_env if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "echo \"$TITLE\"", "env": {"TITLE": "${{ github.event.issue.title }}"}}])
}

test_allow_trusted if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "echo ${{ github.sha }} ${{ github.event.pull_request.number }}"}])
}
