# METADATA
# title: IAM password policy allows password reuse
# description: |
#   CIS asks that the last 24 passwords cannot be reused.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: VCH-AWS-0022
#   severity: MEDIUM
#   remediation: "Set password_reuse_prevention = 24."
#   inputs: [terraform]
#   resource_types: ["aws_iam_account_password_policy"]
#   frameworks:
#     cis-aws-foundations: ["1.9"]
package vouch.checks.aws.iam_password_reuse

import data.vouch.lib

deny contains lib.result_at(r, ["password_reuse_prevention"], "password reuse prevention is below 24") if {
	some r in input.types["aws_iam_account_password_policy"]
	weak(r.attributes)
}

weak(a) if not lib.has(a, "password_reuse_prevention")

weak(a) if a.password_reuse_prevention < 24
