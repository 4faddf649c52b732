package vouch.checks.aws.ec2_unencrypted_block_device_test

import data.vouch.checks.aws.ec2_unencrypted_block_device as check
import data.vouch.test

test_deny_root if {
	count(check.deny) == 1 with input as test.tf("aws_instance", {"root_block_device": [{"volume_size": 20}]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::Instance", {"BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 20}}]})
}

test_deny_root_not_declared if {
	count(check.deny) == 1 with input as test.tf("aws_instance", {"ami": "ami-1"})
}

test_allow_encrypted if {
	count(check.deny) == 0 with input as test.tf("aws_instance", {"root_block_device": [{"encrypted": true}], "ebs_block_device": [{"encrypted": true}]})
}

test_allow_account_default if {
	count(check.deny) == 0 with input as test.tf_all([["aws_instance", "a", {"ami": "ami-1"}], ["aws_ebs_encryption_by_default", "d", {"enabled": true}]])
}
