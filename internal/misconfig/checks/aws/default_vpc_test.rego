package vouch.checks.aws.default_vpc_test

import data.vouch.checks.aws.default_vpc as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_default_vpc", {})
}

test_allow_custom if {
	count(check.deny) == 0 with input as test.tf("aws_vpc", {"cidr_block": "10.0.0.0/16"})
}
