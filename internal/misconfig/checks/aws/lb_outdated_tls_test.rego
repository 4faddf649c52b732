package vouch.checks.aws.lb_outdated_tls_test

import data.vouch.checks.aws.lb_outdated_tls as check
import data.vouch.test

test_deny_old if {
	count(check.deny) == 1 with input as test.tf("aws_lb_listener", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"})
}

test_allow_tls12 if {
	count(check.deny) == 0 with input as test.tf("aws_lb_listener", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
}
