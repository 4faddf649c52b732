package vouch.checks.aws.nacl_open_admin_test

import data.vouch.checks.aws.nacl_open_admin as check
import data.vouch.test

test_deny_rule if {
	count(check.deny) == 1 with input as test.tf("aws_network_acl_rule", {"egress": false, "rule_action": "allow", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_block": "0.0.0.0/0"})
}

test_deny_inline_all if {
	count(check.deny) == 1 with input as test.tf("aws_network_acl", {"ingress": [{"action": "allow", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_block": "0.0.0.0/0"}]})
}

test_allow_https if {
	count(check.deny) == 0 with input as test.tf("aws_network_acl_rule", {"egress": false, "rule_action": "allow", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_block": "0.0.0.0/0"})
}

test_allow_deny_rule if {
	count(check.deny) == 0 with input as test.tf("aws_network_acl_rule", {"rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"})
}
