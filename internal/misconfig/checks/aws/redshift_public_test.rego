package vouch.checks.aws.redshift_public_test

import data.vouch.checks.aws.redshift_public as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_redshift_cluster", {"publicly_accessible": true})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_redshift_cluster", {"publicly_accessible": false})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::Redshift::Cluster", {"PubliclyAccessible": "true"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::Redshift::Cluster", {"PubliclyAccessible": "false"})
}
