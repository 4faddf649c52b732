package vouch.checks.aws.es_enforce_https_test

import data.vouch.checks.aws.es_enforce_https as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_elasticsearch_domain", {"domain_endpoint_options": [{"enforce_https": false}]})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_elasticsearch_domain", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_elasticsearch_domain", {"domain_endpoint_options": [{"enforce_https": true}]})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::Elasticsearch::Domain", {"DomainEndpointOptions": {"EnforceHTTPS": "false"}})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::Elasticsearch::Domain", {"DomainEndpointOptions": {"EnforceHTTPS": "true"}})
}
