package vouch.checks.aws.ec2_public_ip_test

import data.vouch.checks.aws.ec2_public_ip as check
import data.vouch.test

test_deny_instance if {
	count(check.deny) == 1 with input as test.tf("aws_instance", {"associate_public_ip_address": true})
}

test_deny_template if {
	count(check.deny) == 1 with input as test.tf("aws_launch_template", {"network_interfaces": [{"associate_public_ip_address": "true"}]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::Instance", {"NetworkInterfaces": [{"AssociatePublicIpAddress": "true", "DeviceIndex": "0"}]})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("aws_instance", {"associate_public_ip_address": false})
}
