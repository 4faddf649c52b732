package vouch.checks.aws.es_node_to_node_test

import data.vouch.checks.aws.es_node_to_node as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_elasticsearch_domain", {"node_to_node_encryption": [{"enabled": false}]})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_elasticsearch_domain", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_elasticsearch_domain", {"node_to_node_encryption": [{"enabled": true}]})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::Elasticsearch::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": "false"}})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::Elasticsearch::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": "true"}})
}
