package vouch.checks.github.hardcoded_credentials_test

import data.vouch.checks.github.hardcoded_credentials as check
import data.vouch.test

test_deny_env if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "make", "env": {"API_TOKEN": "tok_1234567890"}}])
}

test_deny_service_password if {
	count(check.deny) == 1 with input as test.gha_job({"services": {"mysql": {"image": "mysql:8", "env": {"MYSQL_ROOT_PASSWORD": "root"}}}, "steps": []})
}

test_deny_with_password if {
	count(check.deny) == 1 with input as test.gha_steps([{"uses": "some/deploy@0123456789abcdef0123456789abcdef01234567", "with": {"password": "P@ssw0rd!"}}])
}

test_allow_secret_reference if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "make", "env": {"API_TOKEN": "${{ secrets.API_TOKEN }}"}}])
}

test_allow_plain_env if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "make", "env": {"GOFLAGS": "-mod=mod"}}])
}
