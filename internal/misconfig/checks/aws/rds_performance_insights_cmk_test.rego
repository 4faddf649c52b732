package vouch.checks.aws.rds_performance_insights_cmk_test

import data.vouch.checks.aws.rds_performance_insights_cmk as check
import data.vouch.test

test_deny_no_key if {
	count(check.deny) == 1 with input as test.tf("aws_db_instance", {"performance_insights_enabled": true})
}

test_allow_key if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {"performance_insights_enabled": true, "performance_insights_kms_key_id": "aws_kms_key.k.arn"})
}

test_allow_off if {
	count(check.deny) == 0 with input as test.tf("aws_db_instance", {})
}
