package vouch.checks.aws.lb_http_listener_test

import data.vouch.checks.aws.lb_http_listener as check
import data.vouch.test

test_deny_http if {
	count(check.deny) == 1 with input as test.tf("aws_lb_listener", {"port": 80, "protocol": "HTTP", "default_action": [{"type": "forward"}]})
}

test_deny_elb if {
	count(check.deny) == 1 with input as test.tf("aws_elb", {"listener": [{"lb_port": 80, "lb_protocol": "http", "instance_port": 8000, "instance_protocol": "http"}]})
}

test_allow_redirect if {
	count(check.deny) == 0 with input as test.tf("aws_lb_listener", {"port": 80, "protocol": "HTTP", "default_action": [{"type": "redirect"}]})
}

test_allow_https if {
	count(check.deny) == 0 with input as test.tf("aws_lb_listener", {"port": 443, "protocol": "HTTPS"})
}
