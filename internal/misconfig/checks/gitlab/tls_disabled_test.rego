package vouch.checks.gitlab.tls_disabled_test

import data.vouch.checks.gitlab.tls_disabled as check
import data.vouch.test

test_deny_variable if {
	count(check.deny) == 1 with input as test.gitlab({"variables": {"GIT_SSL_NO_VERIFY": "true"}, "jobs": {}})
}

test_deny_script if {
	count(check.deny) == 1 with input as test.gitlab({"jobs": {"t": {"script": ["wget --no-check-certificate https://x/y"]}}})
}

test_allow_plain if {
	count(check.deny) == 0 with input as test.gitlab({"jobs": {"t": {"script": ["wget https://x/y"]}}})
}
