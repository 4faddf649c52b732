# METADATA
# title: EKS secrets are not encrypted with KMS
# description: |
#   Without envelope encryption, Kubernetes secrets sit in etcd protected
#   only by the volume's encryption.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
# custom:
#   id: VCH-AWS-0079
#   severity: HIGH
#   remediation: "Add encryption_config { resources = [\"secrets\"], provider { key_arn = \u2026 } }."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_eks_cluster", "AWS::EKS::Cluster"]
package vouch.checks.aws.eks_secrets_encryption

import data.vouch.lib

encrypts_secrets(r) if {
	some c in lib.blocks(r.attributes, "encryption_config")
	"secrets" in lib.as_list(c.resources)
}

deny contains lib.result(r, "secrets are not encrypted with a KMS key") if {
	some r in input.types["aws_eks_cluster"]
	not encrypts_secrets(r)
}

deny contains lib.result(r, "secrets are not encrypted with a KMS key") if {
	some r in input.types["AWS::EKS::Cluster"]
	not r.attributes.EncryptionConfig
}
