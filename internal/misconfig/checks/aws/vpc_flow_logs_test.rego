package vouch.checks.aws.vpc_flow_logs_test

import data.vouch.checks.aws.vpc_flow_logs as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_vpc", {"cidr_block": "10.0.0.0/16"})
}

test_allow_flow_log if {
	count(check.deny) == 0 with input as test.tf_all([
		["aws_vpc", "main", {}],
		["aws_flow_log", "main", {"vpc_id": "aws_vpc.main.id", "traffic_type": "ALL"}],
	])
}

test_allow_cfn if {
	count(check.deny) == 0 with input as test.cfn_all([
		["AWS::EC2::VPC", "Vpc", {}],
		["AWS::EC2::FlowLog", "Log", {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC"}],
	])
}
