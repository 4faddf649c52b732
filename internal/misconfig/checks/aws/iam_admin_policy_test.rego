package vouch.checks.aws.iam_admin_policy_test

import data.vouch.checks.aws.iam_admin_policy as check
import data.vouch.test

admin := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

test_deny_tf_json if {
	count(check.deny) == 1 with input as test.tf("aws_iam_policy", {"policy": json.marshal(admin)})
}

test_deny_document if {
	count(check.deny) == 1 with input as test.tf("aws_iam_policy_document", {"statement": [{"actions": ["*"], "resources": ["*"]}]})
}

test_deny_cfn_role_inline if {
	count(check.deny) == 1 with input as test.cfn("AWS::IAM::Role", {"Policies": [{"PolicyName": "p", "PolicyDocument": admin}]})
}

test_deny_standalone if {
	count(check.deny) == 1 with input as test.iam(admin)
}

test_allow_scoped if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]})
}

test_allow_deny_statement if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]})
}
