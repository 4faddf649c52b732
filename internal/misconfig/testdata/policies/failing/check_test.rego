package acme.size_test

import data.acme.size as check
import data.vouch.test

test_deny_large if {
	count(check.deny) == 1 with input as test.tf("aws_instance", {"instance_type": "m5.24xlarge"})
}

# This test is wrong on purpose: policy test must report it and exit 1.
test_allow_medium if {
	count(check.deny) == 1 with input as test.tf("aws_instance", {"instance_type": "m5.large"})
}
