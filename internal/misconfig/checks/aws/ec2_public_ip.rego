# METADATA
# title: EC2 instance gets a public IP address
# description: |
#   An instance with a public IP is reachable from the internet as soon as a
#   security group rule allows it. Put instances in private subnets behind a
#   load balancer or NAT.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html
# custom:
#   id: VCH-AWS-0033
#   severity: HIGH
#   remediation: "Set associate_public_ip_address = false and reach the instance through a load balancer, a bastion or SSM."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_instance", "aws_launch_template", "aws_launch_configuration", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"]
package vouch.checks.aws.ec2_public_ip

import data.vouch.lib

deny contains lib.result_at(r, ["associate_public_ip_address"], "instance is given a public IP address") if {
	some ty in {"aws_instance", "aws_launch_configuration"}
	some r in input.types[ty]
	lib.is_true(r.attributes.associate_public_ip_address)
}

deny contains lib.result_at(r, ["network_interfaces", i, "associate_public_ip_address"], "launch template gives instances a public IP address") if {
	some r in input.types["aws_launch_template"]
	some i, n in lib.blocks(r.attributes, "network_interfaces")
	lib.is_true(n.associate_public_ip_address)
}

deny contains lib.result_at(r, ["NetworkInterfaces", i, "AssociatePublicIpAddress"], "instance is given a public IP address") if {
	some r in input.types["AWS::EC2::Instance"]
	some i, n in lib.as_list(r.attributes.NetworkInterfaces)
	lib.is_true(n.AssociatePublicIpAddress)
}

deny contains lib.result_at(r, ["LaunchTemplateData", "NetworkInterfaces", i], "launch template gives instances a public IP address") if {
	some r in input.types["AWS::EC2::LaunchTemplate"]
	some i, n in lib.as_list(r.attributes.LaunchTemplateData.NetworkInterfaces)
	lib.is_true(n.AssociatePublicIpAddress)
}
