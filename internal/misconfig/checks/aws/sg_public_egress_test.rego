package vouch.checks.aws.sg_public_egress_test

import data.vouch.checks.aws.sg_public_egress as check
import data.vouch.test

test_deny_open_egress if {
	count(check.deny) == 1 with input as test.tf("aws_security_group", {"egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})
}

test_allow_vpc_egress if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"egress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}]})
}
