# METADATA
# title: VPC has no flow logs
# description: |
#   Flow logs record who talked to what in the VPC. Without them a breach
#   cannot be traced and unusual traffic goes unseen.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
# custom:
#   id: VCH-AWS-0040
#   severity: MEDIUM
#   remediation: "Add an aws_flow_log (AWS::EC2::FlowLog) for the VPC."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_vpc", "aws_flow_log", "AWS::EC2::VPC", "AWS::EC2::FlowLog"]
#   frameworks:
#     cis-aws-foundations: ["3.9"]
package vouch.checks.aws.vpc_flow_logs

import data.vouch.lib

logged(v) if {
	some f in input.types["aws_flow_log"]
	lib.refers_to(f.attributes.vpc_id, v)
}

logged(v) if {
	some f in input.types["AWS::EC2::FlowLog"]
	some id in lib.as_list(object.get(f.attributes, "ResourceId", object.get(f.attributes, "ResourceIds", [])))
	lib.refers_to(id, v)
}

deny contains lib.result(v, "VPC has no flow log") if {
	some ty in {"aws_vpc", "AWS::EC2::VPC"}
	some v in input.types[ty]
	not logged(v)
}
