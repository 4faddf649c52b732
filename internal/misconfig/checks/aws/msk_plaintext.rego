# METADATA
# title: MSK cluster allows plaintext client traffic
# description: |
#   Client-broker traffic set to PLAINTEXT or TLS_PLAINTEXT lets clients
#   send records unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html
# custom:
#   id: VCH-AWS-0089
#   severity: HIGH
#   remediation: "Set encryption_info { encryption_in_transit { client_broker = \"TLS\" } }."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_msk_cluster", "AWS::MSK::Cluster"]
package vouch.checks.aws.msk_plaintext

import data.vouch.lib

deny contains lib.result_at(r, ["encryption_info"], sprintf("client-broker encryption is %s", [cb])) if {
	some r in input.types["aws_msk_cluster"]
	ei := lib.block(r.attributes, "encryption_info")
	cb := object.get(lib.block(ei, "encryption_in_transit"), "client_broker", "TLS")
	cb != "TLS"
}

deny contains lib.result_at(r, ["EncryptionInfo"], sprintf("client-broker encryption is %s", [cb])) if {
	some r in input.types["AWS::MSK::Cluster"]
	cb := object.get(r.attributes, ["EncryptionInfo", "EncryptionInTransit", "ClientBroker"], "TLS")
	cb != "TLS"
}
