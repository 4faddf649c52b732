# METADATA
# title: Security group has no description
# description: |
#   A security group without a description (Terraform then writes "Managed
#   by Terraform") does not say what it protects.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-groups.html
# custom:
#   id: VCH-AWS-0030
#   severity: LOW
#   remediation: "Describe what the group is for."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_security_group", "AWS::EC2::SecurityGroup"]
package vouch.checks.aws.sg_description

import data.vouch.lib

deny contains lib.result(r, "security group has no description") if {
	some r in input.types["aws_security_group"]
	not good(object.get(r.attributes, "description", ""))
}

deny contains lib.result(r, "security group has no GroupDescription") if {
	some r in input.types["AWS::EC2::SecurityGroup"]
	not good(object.get(r.attributes, "GroupDescription", ""))
}

good(d) if {
	is_string(d)
	trim_space(d) != ""
	d != "Managed by Terraform"
}
