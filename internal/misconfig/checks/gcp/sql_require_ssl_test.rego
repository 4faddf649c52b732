package vouch.checks.gcp.sql_require_ssl_test

import data.vouch.checks.gcp.sql_require_ssl as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("google_sql_database_instance", {"settings": [{"tier": "db-f1-micro"}]})
}

test_allow_ssl if {
	count(check.deny) == 0 with input as test.tf("google_sql_database_instance", {"settings": [{"ip_configuration": [{"ssl_mode": "ENCRYPTED_ONLY"}]}]})
}
