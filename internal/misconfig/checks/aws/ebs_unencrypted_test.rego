package vouch.checks.aws.ebs_unencrypted_test

import data.vouch.checks.aws.ebs_unencrypted as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_ebs_volume", {"size": 10})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::Volume", {"Encrypted": false})
}

test_allow_encrypted if {
	count(check.deny) == 0 with input as test.tf("aws_ebs_volume", {"encrypted": true})
}
