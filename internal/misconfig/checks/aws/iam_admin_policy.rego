# METADATA
# title: IAM policy grants full administrator access
# description: |
#   A statement that allows Action "*" on Resource "*" gives whoever holds
#   the policy every permission in the account, including the power to grant
#   themselves more.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: VCH-AWS-0013
#   severity: CRITICAL
#   remediation: "Grant only the actions and resources the role needs; keep administrator access to break-glass roles outside IaC."
#   inputs: [terraform, cloudformation, iam-policy]
#   resource_types: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_iam_policy_document", "aws_ssoadmin_permission_set_inline_policy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
#   frameworks:
#     cis-aws-foundations: ["1.16"]
package vouch.checks.aws.iam_admin_policy

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(p.resource, st.path, "policy allows every action (\"*\") on every resource (\"*\")") if {
	some p in aws.policies
	p.kind in {"identity", "document"}
	some st in aws.statements(p)
	aws.allow(st)
	aws.wildcard_action(st)
	aws.wildcard_resource(st)
}
