# METADATA
# title: AdministratorAccess managed policy attached
# description: |
#   The AWS managed AdministratorAccess policy grants every action on every
#   resource.
# related_resources:
#   - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
# custom:
#   id: VCH-AWS-0020
#   severity: HIGH
#   remediation: "Attach a policy scoped to the job instead of AdministratorAccess."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
#   frameworks:
#     cis-aws-foundations: ["1.16"]
package vouch.checks.aws.iam_admin_managed_policy

import data.vouch.lib

admin_arn(a) if {
	is_string(a)
	endswith(a, ":policy/AdministratorAccess")
}

deny contains lib.result_at(r, ["policy_arn"], "AdministratorAccess is attached") if {
	some ty in {"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"}
	some r in input.types[ty]
	admin_arn(r.attributes.policy_arn)
}

deny contains lib.result_at(r, ["managed_policy_arns"], "AdministratorAccess is attached") if {
	some r in input.types["aws_iam_role"]
	some a in lib.as_list(r.attributes.managed_policy_arns)
	admin_arn(a)
}

deny contains lib.result_at(r, ["ManagedPolicyArns"], "AdministratorAccess is attached") if {
	some ty in {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some r in input.types[ty]
	some a in lib.as_list(r.attributes.ManagedPolicyArns)
	admin_arn(a)
}
