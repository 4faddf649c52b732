package vouch.checks.aws.sg_rdp_open_test

import data.vouch.checks.aws.sg_rdp_open as check
import data.vouch.test

test_deny_open if {
	count(check.deny) == 1 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 3389, "to_port": 3389, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})
}

test_deny_ipv6_rule if {
	count(check.deny) == 1 with input as test.tf("aws_security_group_rule", {"type": "ingress", "from_port": 0, "to_port": 10000, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::SecurityGroup", {"SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": "3389", "ToPort": "3389", "CidrIp": "0.0.0.0/0"}]})
}

test_allow_private_range if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 3389, "to_port": 3389, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}]})
}

test_allow_web if {
	count(check.deny) == 0 with input as test.tf("aws_security_group", {"ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})
}
