package vouch.checks.aws.lb_internet_facing_test

import data.vouch.checks.aws.lb_internet_facing as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_lb", {"name": "web"})
}

test_allow_internal if {
	count(check.deny) == 0 with input as test.tf("aws_lb", {"internal": true})
}
