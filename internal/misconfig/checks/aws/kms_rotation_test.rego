package vouch.checks.aws.kms_rotation_test

import data.vouch.checks.aws.kms_rotation as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_kms_key", {"description": "k"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::KMS::Key", {"EnableKeyRotation": false})
}

test_allow_rotation if {
	count(check.deny) == 0 with input as test.tf("aws_kms_key", {"enable_key_rotation": true})
}

test_allow_asymmetric if {
	count(check.deny) == 0 with input as test.tf("aws_kms_key", {"customer_master_key_spec": "RSA_2048"})
}
