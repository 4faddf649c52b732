package vouch.checks.aws.sg_rule_description_test

import data.vouch.checks.aws.sg_rule_description as check
import data.vouch.test

test_deny_no_description if {
	count(check.deny) == 1 with input as test.tf("aws_security_group", {"description": "web", "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}]})
}

test_allow_described if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"ingress": [{"description": "HTTPS from the VPC", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}]})
}
