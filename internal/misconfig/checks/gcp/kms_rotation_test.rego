package vouch.checks.gcp.kms_rotation_test

import data.vouch.checks.gcp.kms_rotation as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("google_kms_crypto_key", {"name": "k"})
}

test_deny_year if {
	count(check.deny) == 1 with input as test.tf("google_kms_crypto_key", {"rotation_period": "31536000s"})
}

test_allow_90d if {
	count(check.deny) == 0 with input as test.tf("google_kms_crypto_key", {"rotation_period": "7776000s"})
}
