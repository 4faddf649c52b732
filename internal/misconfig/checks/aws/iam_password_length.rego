# METADATA
# title: IAM password policy allows short passwords
# description: |
#   CIS asks for passwords of at least 14 characters. The default minimum is
#   8.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: VCH-AWS-0021
#   severity: MEDIUM
#   remediation: "Set minimum_password_length = 14 or more."
#   inputs: [terraform]
#   resource_types: ["aws_iam_account_password_policy"]
#   frameworks:
#     cis-aws-foundations: ["1.8"]
package vouch.checks.aws.iam_password_length

import data.vouch.lib

deny contains lib.result_at(r, ["minimum_password_length"], sprintf("minimum password length is %v", [object.get(r.attributes, "minimum_password_length", "unset (8)")])) if {
	some r in input.types["aws_iam_account_password_policy"]
	short(r.attributes)
}

short(a) if not lib.has(a, "minimum_password_length")

short(a) if a.minimum_password_length < 14
