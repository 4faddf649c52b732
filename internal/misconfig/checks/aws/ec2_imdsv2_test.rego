package vouch.checks.aws.ec2_imdsv2_test

import data.vouch.checks.aws.ec2_imdsv2 as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_instance", {"ami": "ami-1"})
}

test_deny_optional if {
	count(check.deny) == 1 with input as test.tf("aws_launch_template", {"metadata_options": [{"http_tokens": "optional"}]})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {}})
}

test_allow_required if {
	count(check.deny) == 0 with input as test.tf("aws_instance", {"metadata_options": [{"http_tokens": "required"}]})
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}})
}
