package vouch.checks.aws.iam_user_policy_test

import data.vouch.checks.aws.iam_user_policy as check
import data.vouch.test

test_deny_user_policy if {
	count(check.deny) == 1 with input as test.tf("aws_iam_user_policy", {"user": "bob", "policy": "{}"})
}

test_deny_attachment_users if {
	count(check.deny) == 1 with input as test.tf("aws_iam_policy_attachment", {"users": ["bob"], "policy_arn": "arn"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::IAM::User", {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]})
}

test_allow_group if {
	count(check.deny) == 0 with input as test.tf("aws_iam_policy_attachment", {"groups": ["devs"], "policy_arn": "arn"})
}
