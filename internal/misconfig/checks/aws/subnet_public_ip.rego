# METADATA
# title: Subnet assigns public IP addresses on launch
# description: |
#   Every instance launched in a subnet with map_public_ip_on_launch gets a
#   public address, whether its owner meant it or not.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html
# custom:
#   id: VCH-AWS-0034
#   severity: HIGH
#   remediation: "Set map_public_ip_on_launch = false; give public addresses only to load balancers and NAT gateways."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_subnet", "aws_default_subnet", "AWS::EC2::Subnet"]
package vouch.checks.aws.subnet_public_ip

import data.vouch.lib

deny contains lib.result_at(r, ["map_public_ip_on_launch"], "subnet maps a public IP to every instance") if {
	some r in input.types["aws_subnet"]
	lib.is_true(r.attributes.map_public_ip_on_launch)
}

deny contains lib.result_at(r, ["map_public_ip_on_launch"], "default subnet maps a public IP to every instance") if {
	some r in input.types["aws_default_subnet"]
	not lib.explicitly_false(r.attributes, "map_public_ip_on_launch")
}

deny contains lib.result_at(r, ["MapPublicIpOnLaunch"], "subnet maps a public IP to every instance") if {
	some r in input.types["AWS::EC2::Subnet"]
	lib.is_true(r.attributes.MapPublicIpOnLaunch)
}
