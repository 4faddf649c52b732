package vouch.checks.aws.iam_passrole_wildcard_test

import data.vouch.checks.aws.iam_passrole_wildcard as check
import data.vouch.test

test_deny_passrole if {
	count(check.deny) == 1 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}]})
}

test_deny_document if {
	count(check.deny) == 1 with input as test.tf("aws_iam_policy_document", {"statement": [{"actions": ["iam:PassRole"], "resources": ["*"]}]})
}

test_allow_scoped if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/app"}]})
}
