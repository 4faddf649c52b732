package vouch.checks.aws.neptune_audit_logs_test

import data.vouch.checks.aws.neptune_audit_logs as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_neptune_cluster", {})
}

test_allow_audit if {
	count(check.deny) == 0 with input as test.tf("aws_neptune_cluster", {"enable_cloudwatch_logs_exports": ["audit"]})
}
