package vouch.checks.aws.dynamodb_pitr_test

import data.vouch.checks.aws.dynamodb_pitr as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_dynamodb_table", {"point_in_time_recovery": [{"enabled": false}]})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_dynamodb_table", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_dynamodb_table", {"point_in_time_recovery": [{"enabled": true}]})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::DynamoDB::Table", {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": "false"}})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::DynamoDB::Table", {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": "true"}})
}
