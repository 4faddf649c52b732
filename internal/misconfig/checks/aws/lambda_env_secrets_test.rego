package vouch.checks.aws.lambda_env_secrets_test

import data.vouch.checks.aws.lambda_env_secrets as check
import data.vouch.test

test_deny_key if {
	count(check.deny) == 1 with input as test.tf("aws_lambda_function", {"environment": [{"variables": {"access_key": "AKIAIOSFODNN7EXAMPLE"}}]})
}

test_deny_cfn_password if {
	count(check.deny) == 1 with input as test.cfn("AWS::Lambda::Function", {"Environment": {"Variables": {"DB_PASSWORD": "s3cr3t-value"}}})
}

test_allow_reference if {
	count(check.deny) == 0 with input as test.tf("aws_lambda_function", {"environment": [{"variables": {"DB_PASSWORD_ARN": "aws_secretsmanager_secret.db.arn", "TABLE": "users"}}]})
}
