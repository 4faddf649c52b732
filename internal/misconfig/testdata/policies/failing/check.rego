# METADATA
# title: Instance type is too large
# custom:
#   id: ACME-0300
#   severity: MEDIUM
#   remediation: Use a smaller instance type.
#   inputs: [terraform]
package acme.size

import data.vouch.lib

deny contains lib.result_at(r, ["instance_type"], "instance is too large") if {
	some r in input.resources
	r.type == "aws_instance"
	endswith(r.attributes.instance_type, ".24xlarge")
}
