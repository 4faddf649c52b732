package vouch.checks.aws.iam_password_reuse_test

import data.vouch.checks.aws.iam_password_reuse as check
import data.vouch.test

test_deny_unset if {
	count(check.deny) == 1 with input as test.tf("aws_iam_account_password_policy", {"minimum_password_length": 14})
}

test_allow_24 if {
	count(check.deny) == 0 with input as test.tf("aws_iam_account_password_policy", {"password_reuse_prevention": 24})
}
