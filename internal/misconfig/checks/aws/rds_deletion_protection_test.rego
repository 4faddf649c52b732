package vouch.checks.aws.rds_deletion_protection_test

import data.vouch.checks.aws.rds_deletion_protection as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {"deletion_protection": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {"deletion_protection": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::RDS::DBInstance", {"DeletionProtection": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::RDS::DBInstance", {"DeletionProtection": "true"})
}
