# METADATA
# title: IAM role can be assumed by anyone
# description: |
#   A trust policy that allows Principal "*" (or {"AWS": "*"}) without a
#   condition lets any AWS account in the world assume the role.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
# custom:
#   id: VCH-AWS-0019
#   severity: CRITICAL
#   remediation: "Name the accounts, roles or services that may assume the role, or require sts:ExternalId / aws:PrincipalOrgID."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_iam_role", "AWS::IAM::Role"]
package vouch.checks.aws.iam_trust_anyone

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(p.resource, st.path, "trust policy lets any principal assume the role") if {
	some p in aws.policies
	p.kind == "trust"
	some st in aws.statements(p)
	aws.allow(st)
	"*" in st.principals
	count(st.conditions) == 0
}
