package vouch.checks.aws.ecr_cmk_test

import data.vouch.checks.aws.ecr_cmk as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_ecr_repository", {})
}

test_allow_kms if {
	count(check.deny) == 0 with input as test.tf("aws_ecr_repository", {"encryption_configuration": [{"encryption_type": "KMS"}]})
}
