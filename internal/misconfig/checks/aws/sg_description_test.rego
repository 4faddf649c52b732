package vouch.checks.aws.sg_description_test

import data.vouch.checks.aws.sg_description as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_security_group", {"name": "web"})
}

test_allow_described if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"description": "web tier"})
}
