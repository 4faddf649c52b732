package vouch.checks.gcp.gcs_public_test

import data.vouch.checks.gcp.gcs_public as check
import data.vouch.test

test_deny_binding if {
	count(check.deny) == 1 with input as test.tf("google_storage_bucket_iam_binding", {"role": "roles/storage.objectViewer", "members": ["allUsers"]})
}

test_deny_acl if {
	count(check.deny) == 1 with input as test.tf("google_storage_bucket_acl", {"role_entity": ["READER:allAuthenticatedUsers"]})
}

test_allow_group if {
	count(check.deny) == 0 with input as test.tf("google_storage_bucket_iam_member", {"member": "group:data@example.com"})
}
