package vouch.checks.gcp.bigquery_public_test

import data.vouch.checks.gcp.bigquery_public as check
import data.vouch.test

test_deny_special_group if {
	count(check.deny) == 1 with input as test.tf("google_bigquery_dataset", {"access": [{"role": "READER", "special_group": "allAuthenticatedUsers"}]})
}

test_allow_owner if {
	count(check.deny) == 0 with input as test.tf("google_bigquery_dataset", {"access": [{"role": "OWNER", "user_by_email": "a@example.com"}]})
}
