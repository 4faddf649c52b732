package vouch.checks.aws.iam_admin_managed_policy_test

import data.vouch.checks.aws.iam_admin_managed_policy as check
import data.vouch.test

test_deny_attachment if {
	count(check.deny) == 1 with input as test.tf("aws_iam_role_policy_attachment", {"role": "r", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::IAM::Role", {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"]})
}

test_allow_read_only if {
	count(check.deny) == 0 with input as test.tf("aws_iam_role_policy_attachment", {"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})
}
