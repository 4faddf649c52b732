# METADATA
# title: EBS encryption by default is switched off
# description: |
#   With encryption by default off, every volume created without an explicit
#   flag is unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
# custom:
#   id: VCH-AWS-0038
#   severity: MEDIUM
#   remediation: "Set enabled = true on aws_ebs_encryption_by_default."
#   inputs: [terraform]
#   resource_types: ["aws_ebs_encryption_by_default"]
#   frameworks:
#     cis-aws-foundations: ["2.2.1"]
package vouch.checks.aws.ebs_default_encryption

import data.vouch.lib

deny contains lib.result_at(r, ["enabled"], "EBS encryption by default is disabled") if {
	some r in input.types["aws_ebs_encryption_by_default"]
	lib.explicitly_false(r.attributes, "enabled")
}
