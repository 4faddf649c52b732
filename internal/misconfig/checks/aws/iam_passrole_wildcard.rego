# METADATA
# title: "IAM policy allows iam:PassRole on every role"
# description: |
#   iam:PassRole on Resource "*" lets the holder hand any role in the
#   account, administrator roles included, to a service it controls (an EC2
#   instance, a Lambda function) and act as that role: a classic privilege
#   escalation.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
# custom:
#   id: VCH-AWS-0016
#   severity: HIGH
#   remediation: "Limit iam:PassRole to the ARNs of the roles the service really needs, with an iam:PassedToService condition."
#   inputs: [terraform, cloudformation, iam-policy]
#   resource_types: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_iam_policy_document", "aws_ssoadmin_permission_set_inline_policy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
package vouch.checks.aws.iam_passrole_wildcard

import data.vouch.lib
import data.vouch.lib.aws

passrole(a) if lower(a) in {"iam:passrole", "iam:pass*", "iam:*", "iam:p*", "iam:pa*"}

deny contains lib.result_at(p.resource, st.path, "policy allows iam:PassRole on every resource") if {
	some p in aws.policies
	p.kind in {"identity", "document"}
	some st in aws.statements(p)
	aws.allow(st)
	aws.wildcard_resource(st)
	some a in st.actions
	is_string(a)
	passrole(a)
}
