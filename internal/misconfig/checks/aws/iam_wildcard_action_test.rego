package vouch.checks.aws.iam_wildcard_action_test

import data.vouch.checks.aws.iam_wildcard_action as check
import data.vouch.test

test_deny_service_wildcard if {
	count(check.deny) == 1 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b"}]})
}

test_deny_document if {
	count(check.deny) == 1 with input as test.tf("aws_iam_policy_document", {"statement": [{"actions": ["iam:*"], "resources": ["*"]}]})
}

test_allow_specific if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]})
}

test_allow_admin_left_to_0013 if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
}
