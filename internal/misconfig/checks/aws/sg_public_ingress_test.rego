package vouch.checks.aws.sg_public_ingress_test

import data.vouch.checks.aws.sg_public_ingress as check
import data.vouch.test

test_deny_app_port if {
	count(check.deny) == 1 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 8080, "to_port": 8080, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})
}

test_allow_https if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 8080, "to_port": 8080, "protocol": "tcp", "cidr_blocks": ["172.16.0.0/12"]}]})
}
