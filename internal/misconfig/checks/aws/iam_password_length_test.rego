package vouch.checks.aws.iam_password_length_test

import data.vouch.checks.aws.iam_password_length as check
import data.vouch.test

test_deny_short if {
	count(check.deny) == 1 with input as test.tf("aws_iam_account_password_policy", {"minimum_password_length": 8})
}

test_deny_unset if {
	count(check.deny) == 1 with input as test.tf("aws_iam_account_password_policy", {})
}

test_allow_14 if {
	count(check.deny) == 0 with input as test.tf("aws_iam_account_password_policy", {"minimum_password_length": 14})
}
