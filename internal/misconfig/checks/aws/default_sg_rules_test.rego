package vouch.checks.aws.default_sg_rules_test

import data.vouch.checks.aws.default_sg_rules as check
import data.vouch.test

test_deny_rules if {
	count(check.deny) == 1 with input as test.tf("aws_default_security_group", {"ingress": [{"protocol": "-1", "self": true}]})
}

test_allow_empty if {
	count(check.deny) == 0 with input as test.tf("aws_default_security_group", {"vpc_id": "v"})
}
