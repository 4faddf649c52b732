package vouch.checks.aws.sg_all_ports_open_test

import data.vouch.checks.aws.sg_all_ports_open as check
import data.vouch.test

test_deny_all if {
	count(check.deny) == 1 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::SecurityGroupIngress", {"IpProtocol": -1, "CidrIp": "0.0.0.0/0"})
}

test_allow_internal if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["10.0.0.0/16"]}]})
}
