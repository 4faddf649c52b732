package vouch.checks.gcp.disk_cmek_test

import data.vouch.checks.gcp.disk_cmek as check
import data.vouch.test

test_deny_disk if {
	count(check.deny) == 1 with input as test.tf("google_compute_disk", {"name": "d"})
}

test_allow_kms if {
	count(check.deny) == 0 with input as test.tf("google_compute_disk", {"disk_encryption_key": [{"kms_key_self_link": "projects/p/locations/l/keyRings/r/cryptoKeys/k"}]})
}
