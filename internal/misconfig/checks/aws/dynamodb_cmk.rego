# METADATA
# title: DynamoDB table is not encrypted with your KMS key
# description: |
#   Tables are encrypted with an AWS owned key unless a customer-managed key
#   is set; its use then cannot be restricted or audited.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
# custom:
#   id: VCH-AWS-0053
#   severity: LOW
#   remediation: "Add server_side_encryption { enabled = true, kms_key_arn = \u2026 }."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_dynamodb_table", "AWS::DynamoDB::Table"]
package vouch.checks.aws.dynamodb_cmk

import data.vouch.lib

deny contains lib.result_at(r, ["server_side_encryption"], "table is not encrypted with a customer-managed key") if {
	some r in input.types["aws_dynamodb_table"]
	sse := lib.block(r.attributes, "server_side_encryption")
	not cmk(sse)
}

cmk(sse) if {
	lib.is_true(sse.enabled)
	sse.kms_key_arn
}

deny contains lib.result_at(r, ["SSESpecification"], "table is not encrypted with a customer-managed key") if {
	some r in input.types["AWS::DynamoDB::Table"]
	sse := object.get(r.attributes, "SSESpecification", {})
	not cfn_cmk(sse)
}

cfn_cmk(sse) if {
	lib.is_true(sse.SSEEnabled)
	sse.KMSMasterKeyId
}
