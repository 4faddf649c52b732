package vouch.checks.gcp.gcs_uniform_access_test

import data.vouch.checks.gcp.gcs_uniform_access as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("google_storage_bucket", {"uniform_bucket_level_access": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("google_storage_bucket", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("google_storage_bucket", {"uniform_bucket_level_access": true})
}
