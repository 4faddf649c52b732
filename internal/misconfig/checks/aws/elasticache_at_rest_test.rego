package vouch.checks.aws.elasticache_at_rest_test

import data.vouch.checks.aws.elasticache_at_rest as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_elasticache_replication_group", {"at_rest_encryption_enabled": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_elasticache_replication_group", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_elasticache_replication_group", {"at_rest_encryption_enabled": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::ElastiCache::ReplicationGroup", {"AtRestEncryptionEnabled": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::ElastiCache::ReplicationGroup", {"AtRestEncryptionEnabled": "true"})
}
