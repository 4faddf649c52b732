package vouch.checks.aws.iam_wildcard_resource_test

import data.vouch.checks.aws.iam_wildcard_resource as check
import data.vouch.test

test_deny_write_star if {
	count(check.deny) == 1 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "*"}]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::IAM::Policy", {"PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*"}}})
}

test_allow_read_only if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:DescribeInstances", "s3:ListAllMyBuckets"], "Resource": "*"}]})
}

test_allow_scoped if {
	count(check.deny) == 0 with input as test.iam({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}]})
}
