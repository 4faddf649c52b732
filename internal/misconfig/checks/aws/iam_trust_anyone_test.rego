package vouch.checks.aws.iam_trust_anyone_test

import data.vouch.checks.aws.iam_trust_anyone as check
import data.vouch.test

test_deny_anyone if {
	count(check.deny) == 1 with input as test.tf("aws_iam_role", {"assume_role_policy": json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::IAM::Role", {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}})
}

test_allow_service if {
	count(check.deny) == 0 with input as test.tf("aws_iam_role", {"assume_role_policy": json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})})
}
