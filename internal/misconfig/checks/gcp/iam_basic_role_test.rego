package vouch.checks.gcp.iam_basic_role_test

import data.vouch.checks.gcp.iam_basic_role as check
import data.vouch.test

test_deny_editor if {
	count(check.deny) == 1 with input as test.tf("google_project_iam_member", {"role": "roles/editor", "member": "user:a@example.com"})
}

test_allow_viewer if {
	count(check.deny) == 0 with input as test.tf("google_project_iam_member", {"role": "roles/viewer"})
}
