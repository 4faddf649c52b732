package vouch.checks.aws.ebs_default_encryption_test

import data.vouch.checks.aws.ebs_default_encryption as check
import data.vouch.test

test_deny_disabled if {
	count(check.deny) == 1 with input as test.tf("aws_ebs_encryption_by_default", {"enabled": false})
}

test_allow_enabled if {
	count(check.deny) == 0 with input as test.tf("aws_ebs_encryption_by_default", {"enabled": true})
}
