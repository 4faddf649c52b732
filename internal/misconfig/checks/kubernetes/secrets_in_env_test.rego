package vouch.checks.kubernetes.secrets_in_env_test

import data.vouch.checks.kubernetes.secrets_in_env as check
import data.vouch.test

test_deny_password if {
	count(check.deny) == 1 with input as test.container({"env": [{"name": "MYSQL_ROOT_PASSWORD", "value": "root1234"}]})
}

test_allow_secret_ref if {
	count(check.deny) == 0 with input as test.container({"env": [{"name": "MYSQL_ROOT_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}]})
}

test_allow_plain_setting if {
	count(check.deny) == 0 with input as test.container({"env": [{"name": "LOG_LEVEL", "value": "debug"}]})
}
