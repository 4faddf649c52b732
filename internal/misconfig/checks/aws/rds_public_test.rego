package vouch.checks.aws.rds_public_test

import data.vouch.checks.aws.rds_public as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {"publicly_accessible": true})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {"publicly_accessible": false})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::RDS::DBInstance", {"PubliclyAccessible": "true"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::RDS::DBInstance", {"PubliclyAccessible": "false"})
}
