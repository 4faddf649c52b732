package vouch.checks.aws.s3_public_policy_test

import data.vouch.checks.aws.s3_public_policy as check
import data.vouch.test

policy := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})

test_deny_public if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket_policy", {"bucket": "b", "policy": policy})
}

test_deny_aws_star if {
	count(check.deny) == 1 with input as test.cfn("AWS::S3::BucketPolicy", {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"}]}})
}

test_allow_condition if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::BucketPolicy", {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]}})
}

test_allow_account if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket_policy", {"policy": json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject", "Resource": "*"}]})})
}
