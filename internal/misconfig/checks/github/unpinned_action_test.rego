package vouch.checks.github.unpinned_action_test

import data.vouch.checks.github.unpinned_action as check
import data.vouch.test

test_deny_tag if {
	count(check.deny) == 1 with input as test.gha_steps([{"uses": "tj-actions/changed-files@v45"}])
}

test_deny_reusable_workflow if {
	count(check.deny) == 1 with input as test.gha({"on": "push", "permissions": {}, "jobs": {"call": {"uses": "org/repo/.github/workflows/build.yml@main"}}})
}

test_deny_docker if {
	count(check.deny) == 1 with input as test.gha_steps([{"uses": "docker://alpine:3.20"}])
}

test_allow_sha if {
	count(check.deny) == 0 with input as test.gha_steps([{"uses": "tj-actions/changed-files@0123456789abcdef0123456789abcdef01234567"}])
}

test_allow_first_party if {
	count(check.deny) == 0 with input as test.gha_steps([{"uses": "actions/checkout@v4"}, {"uses": "./.github/actions/build"}])
}
