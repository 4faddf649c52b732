# METADATA
# title: ECR image tags are mutable
# description: |
#   With mutable tags, pushing an image can silently replace what a tag
#   (v1.2.3) pointed to, so a deployment may run something nobody reviewed.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
# custom:
#   id: VCH-AWS-0067
#   severity: HIGH
#   remediation: "Set image_tag_mutability = \"IMMUTABLE\" and deploy by digest."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_ecr_repository", "AWS::ECR::Repository"]
package vouch.checks.aws.ecr_tag_mutable

import data.vouch.lib

deny contains lib.result_at(r, ["image_tag_mutability"], "image tags are mutable") if {
	some r in input.types["aws_ecr_repository"]
	not startswith(object.get(r.attributes, "image_tag_mutability", "MUTABLE"), "IMMUTABLE")
}

deny contains lib.result_at(r, ["ImageTagMutability"], "image tags are mutable") if {
	some r in input.types["AWS::ECR::Repository"]
	not startswith(object.get(r.attributes, "ImageTagMutability", "MUTABLE"), "IMMUTABLE")
}
