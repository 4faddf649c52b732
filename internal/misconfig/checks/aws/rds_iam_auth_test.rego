package vouch.checks.aws.rds_iam_auth_test

import data.vouch.checks.aws.rds_iam_auth as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {"iam_database_authentication_enabled": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {"iam_database_authentication_enabled": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::RDS::DBInstance", {"EnableIAMDatabaseAuthentication": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::RDS::DBInstance", {"EnableIAMDatabaseAuthentication": "true"})
}
