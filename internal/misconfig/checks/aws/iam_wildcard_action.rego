# METADATA
# title: IAM policy allows wildcard actions
# description: |
#   Action "*" or a whole service ("s3:*", "iam:*") grants actions nobody
#   reviewed, including ones AWS adds later. Full administrator access (also
#   on Resource "*") is VCH-AWS-0013.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: VCH-AWS-0014
#   severity: HIGH
#   remediation: "List the actions the role needs instead of a wildcard."
#   inputs: [terraform, cloudformation, iam-policy]
#   resource_types: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_iam_policy_document", "aws_ssoadmin_permission_set_inline_policy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
package vouch.checks.aws.iam_wildcard_action

import data.vouch.lib
import data.vouch.lib.aws

deny contains lib.result_at(p.resource, st.path, sprintf("policy allows wildcard action %q", [a])) if {
	some p in aws.policies
	p.kind in {"identity", "document"}
	some st in aws.statements(p)
	aws.allow(st)
	some a in st.actions
	is_string(a)
	wildcard(a)
	not admin(st)
}

wildcard(a) if a == "*"

wildcard(a) if endswith(a, ":*")

admin(st) if {
	aws.wildcard_action(st)
	aws.wildcard_resource(st)
}
