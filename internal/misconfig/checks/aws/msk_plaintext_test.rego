package vouch.checks.aws.msk_plaintext_test

import data.vouch.checks.aws.msk_plaintext as check
import data.vouch.test

test_deny_plaintext if {
	count(check.deny) == 1 with input as test.tf("aws_msk_cluster", {"encryption_info": [{"encryption_in_transit": [{"client_broker": "PLAINTEXT"}]}]})
}

test_allow_tls if {
	count(check.deny) == 0 with input as test.tf("aws_msk_cluster", {"encryption_info": [{"encryption_in_transit": [{"client_broker": "TLS"}]}]})
}
