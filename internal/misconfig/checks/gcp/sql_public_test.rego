package vouch.checks.gcp.sql_public_test

import data.vouch.checks.gcp.sql_public as check
import data.vouch.test

test_deny_open if {
	count(check.deny) == 1 with input as test.tf("google_sql_database_instance", {"settings": [{"ip_configuration": [{"authorized_networks": [{"value": "0.0.0.0/0"}]}]}]})
}

test_allow_narrow if {
	count(check.deny) == 0 with input as test.tf("google_sql_database_instance", {"settings": [{"ip_configuration": [{"authorized_networks": [{"value": "203.0.113.4/32"}]}]}]})
}
