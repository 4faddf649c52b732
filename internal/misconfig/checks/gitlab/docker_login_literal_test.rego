package vouch.checks.gitlab.docker_login_literal_test

import data.vouch.checks.gitlab.docker_login_literal as check
import data.vouch.test

test_deny_literal if {
	count(check.deny) == 1 with input as test.gitlab({"jobs": {"build": {"script": ["docker login -u ci -p hunter22 registry.example.com"]}}})
}

test_allow_variable if {
	count(check.deny) == 0 with input as test.gitlab({"jobs": {"build": {"script": ["echo \"$CI_REGISTRY_PASSWORD\" | docker login -u \"$CI_REGISTRY_USER\" --password-stdin $CI_REGISTRY"]}}})
}
