package vouch.checks.aws.docdb_unencrypted_test

import data.vouch.checks.aws.docdb_unencrypted as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_docdb_cluster", {"storage_encrypted": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_docdb_cluster", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_docdb_cluster", {"storage_encrypted": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::DocDB::DBCluster", {"StorageEncrypted": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::DocDB::DBCluster", {"StorageEncrypted": "true"})
}
