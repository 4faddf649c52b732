package vouch.checks.aws.iam_not_action_test

import data.vouch.checks.aws.iam_not_action as check
import data.vouch.test

test_deny_not_action if {
	count(check.deny) == 1 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})
}

test_allow_deny_not_action if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]})
}
