# METADATA
# title: IAM policy allows with NotAction
# description: |
#   Allow with NotAction grants every action except the listed ones,
#   including every action AWS adds in the future.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
# custom:
#   id: VCH-AWS-0017
#   severity: MEDIUM
#   remediation: "Use Action with the list of allowed actions instead of NotAction."
#   inputs: [terraform, cloudformation, iam-policy]
#   resource_types: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_iam_policy_document", "aws_ssoadmin_permission_set_inline_policy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
package vouch.checks.aws.iam_not_action

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(p.resource, st.path, "policy allows everything except a NotAction list") if {
	some p in aws.policies
	p.kind in {"identity", "document"}
	some st in aws.statements(p)
	aws.allow(st)
	count(st.not_actions) > 0
}
