package vouch.checks.aws.efs_unencrypted_test

import data.vouch.checks.aws.efs_unencrypted as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_efs_file_system", {"encrypted": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_efs_file_system", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_efs_file_system", {"encrypted": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::EFS::FileSystem", {"Encrypted": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::EFS::FileSystem", {"Encrypted": "true"})
}
