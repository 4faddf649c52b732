package vouch.checks.aws.redshift_unencrypted_test

import data.vouch.checks.aws.redshift_unencrypted as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_redshift_cluster", {"encrypted": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_redshift_cluster", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_redshift_cluster", {"encrypted": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::Redshift::Cluster", {"Encrypted": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::Redshift::Cluster", {"Encrypted": "true"})
}
