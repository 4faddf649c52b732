package vouch.checks.aws.s3_secure_transport_test

import data.vouch.checks.aws.s3_secure_transport as check
import data.vouch.test

test_deny_no_tls_statement if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket_policy", {"policy": json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:GetObject", "Resource": "*"}]})})
}

test_allow_tls_enforced if {
	count(check.deny) == 0 with input as test.cfn("AWS::S3::BucketPolicy", {"PolicyDocument": {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}})
}
