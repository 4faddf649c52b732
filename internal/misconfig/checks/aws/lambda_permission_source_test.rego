package vouch.checks.aws.lambda_permission_source_test

import data.vouch.checks.aws.lambda_permission_source as check
import data.vouch.test

test_deny_service_without_source if {
	count(check.deny) == 1 with input as test.tf("aws_lambda_permission", {"principal": "s3.amazonaws.com", "action": "lambda:InvokeFunction"})
}

test_deny_star if {
	count(check.deny) == 1 with input as test.cfn("AWS::Lambda::Permission", {"Principal": "*"})
}

test_allow_source if {
	count(check.deny) == 0 with input as test.tf("aws_lambda_permission", {"principal": "s3.amazonaws.com", "source_arn": "aws_s3_bucket.b.arn"})
}
