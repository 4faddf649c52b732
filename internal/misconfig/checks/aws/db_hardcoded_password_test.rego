package vouch.checks.aws.db_hardcoded_password_test

import data.vouch.checks.aws.db_hardcoded_password as check
import data.vouch.test

test_deny_literal if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {"username": "admin", "password": "Aa1234567890!"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::RDS::DBInstance", {"MasterUserPassword": "hunter2hunter2"})
}

test_allow_variable if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {"password": "var.db_password"})
}

test_allow_resolve if {
	count(check.deny) == 0 with input as test.cfn("AWS::RDS::DBInstance", {"MasterUserPassword": "{{resolve:secretsmanager:db:SecretString:password}}"})
}

test_allow_ref if {
	count(check.deny) == 0 with input as test.cfn("AWS::RDS::DBInstance", {"MasterUserPassword": {"Ref": "DbPassword"}})
}
