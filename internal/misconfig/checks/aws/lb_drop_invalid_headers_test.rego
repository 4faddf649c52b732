package vouch.checks.aws.lb_drop_invalid_headers_test

import data.vouch.checks.aws.lb_drop_invalid_headers as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_lb", {})
}

test_allow_drop if {
	count(check.deny) == 0 with input as test.tf("aws_lb", {"drop_invalid_header_fields": true})
}

test_allow_network_lb if {
	count(check.deny) == 0 with input as test.tf("aws_lb", {"load_balancer_type": "network"})
}
