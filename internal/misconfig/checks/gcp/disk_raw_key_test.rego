package vouch.checks.gcp.disk_raw_key_test

import data.vouch.checks.gcp.disk_raw_key as check
import data.vouch.test

test_deny_raw if {
	count(check.deny) == 1 with input as test.tf("google_compute_disk", {"disk_encryption_key": [{"raw_key": "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="}]})
}

test_allow_kms if {
	count(check.deny) == 0 with input as test.tf("google_compute_disk", {"disk_encryption_key": [{"kms_key_self_link": "k"}]})
}
