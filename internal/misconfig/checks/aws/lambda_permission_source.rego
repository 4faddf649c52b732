# METADATA
# title: Lambda permission does not name its source
# description: |
#   A permission for "*", or for a service principal without source_arn,
#   lets any account (or any resource of that service in any account) invoke
#   the function.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
# custom:
#   id: VCH-AWS-0076
#   severity: HIGH
#   remediation: "Set source_arn (and source_account) to the resource that may invoke the function."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_lambda_permission", "AWS::Lambda::Permission"]
package vouch.checks.aws.lambda_permission_source

import data.vouch.lib

open_perm(a) if a.principal == "*"

open_perm(a) if {
	endswith(a.principal, ".amazonaws.com")
	not a.source_arn
}

deny contains lib.result_at(r, ["principal"], sprintf("any %v may invoke the function", [r.attributes.principal])) if {
	some r in input.types["aws_lambda_permission"]
	open_perm(r.attributes)
}

deny contains lib.result_at(r, ["Principal"], sprintf("any %v may invoke the function", [r.attributes.Principal])) if {
	some r in input.types["AWS::Lambda::Permission"]
	open_perm({"principal": r.attributes.Principal, "source_arn": object.get(r.attributes, "SourceArn", null)})
}
