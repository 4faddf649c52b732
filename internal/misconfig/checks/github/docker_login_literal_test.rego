package vouch.checks.github.docker_login_literal_test

import data.vouch.checks.github.docker_login_literal as check
import data.vouch.test

test_deny_run if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "docker login -u ci -p hunter22 ghcr.io"}])
}

test_deny_action if {
	count(check.deny) == 1 with input as test.gha_steps([{"uses": "docker/login-action@v3", "with": {"username": "ci", "password": "hunter22"}}])
}

test_allow_stdin if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "echo \"$TOKEN\" | docker login -u ci --password-stdin ghcr.io"}])
}

test_allow_secret if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "docker login -u ci -p ${{ secrets.TOKEN }} ghcr.io"}])
}
