# METADATA
# title: Default VPC is managed
# description: |
#   The default VPC comes with public subnets and permissive defaults.
#   Workloads belong in VPCs designed for them.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
# custom:
#   id: VCH-AWS-0041
#   severity: LOW
#   remediation: "Create a dedicated VPC; remove the default VPC where the account does not need it."
#   inputs: [terraform]
#   resource_types: ["aws_default_vpc"]
package vouch.checks.aws.default_vpc

import data.vouch.lib

deny contains lib.result(r, "the default VPC is used") if {
	some r in input.types["aws_default_vpc"]
}
