package vouch.checks.aws.rds_backup_retention_test

import data.vouch.checks.aws.rds_backup_retention as check
import data.vouch.test

test_deny_zero if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {"backup_retention_period": 0})
}

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_rds_cluster", {})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::RDS::DBInstance", {"BackupRetentionPeriod": "1"})
}

test_allow_week if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {"backup_retention_period": 7})
}

test_allow_replica if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {"replicate_source_db": "aws_db_instance.main.id"})
}
