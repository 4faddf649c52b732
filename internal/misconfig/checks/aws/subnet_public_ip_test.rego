package vouch.checks.aws.subnet_public_ip_test

import data.vouch.checks.aws.subnet_public_ip as check
import data.vouch.test

test_deny_subnet if {
	count(check.deny) == 1 with input as test.tf("aws_subnet", {"map_public_ip_on_launch": true})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::Subnet", {"MapPublicIpOnLaunch": true})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("aws_subnet", {"cidr_block": "10.0.1.0/24"})
}
