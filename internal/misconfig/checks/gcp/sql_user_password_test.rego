package vouch.checks.gcp.sql_user_password_test

import data.vouch.checks.gcp.sql_user_password as check
import data.vouch.test

test_deny_literal if {
	count(check.deny) == 1 with input as test.tf("google_sql_user", {"name": "app", "password": "changeme123"})
}

test_allow_generated if {
	count(check.deny) == 0 with input as test.tf("google_sql_user", {"name": "app", "password": "random_password.db.result"})
}
