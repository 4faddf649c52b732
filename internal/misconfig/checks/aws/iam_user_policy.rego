# METADATA
# title: IAM policy attached directly to a user
# description: |
#   Permissions given to users one by one are hard to review and to revoke.
#   Grant them through groups or roles.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
# custom:
#   id: VCH-AWS-0018
#   severity: LOW
#   remediation: "Attach the policy to a group (aws_iam_group_policy_attachment) or a role and add the user to it."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment", "AWS::IAM::User"]
#   frameworks:
#     cis-aws-foundations: ["1.15"]
package vouch.checks.aws.iam_user_policy

import data.vouch.lib

deny contains lib.result(r, "policy is attached directly to a user") if {
	some ty in {"aws_iam_user_policy", "aws_iam_user_policy_attachment"}
	some r in input.types[ty]
}

deny contains lib.result_at(r, ["users"], "policy attachment names users") if {
	some r in input.types["aws_iam_policy_attachment"]
	count(lib.as_list(r.attributes.users)) > 0
}

deny contains lib.result_at(r, [k], "user has policies of its own") if {
	some r in input.types["AWS::IAM::User"]
	some k in ["Policies", "ManagedPolicyArns"]
	count(lib.as_list(r.attributes[k])) > 0
}
