# METADATA
# title: ECR image scanning on push is off
# description: |
#   Images pushed to the repository are not scanned for known
#   vulnerabilities.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
# custom:
#   id: VCH-AWS-0066
#   severity: HIGH
#   remediation: "Add image_scanning_configuration { scan_on_push = true } (or enable enhanced scanning for the registry)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_ecr_repository", "AWS::ECR::Repository"]
package vouch.checks.aws.ecr_scan_on_push

import data.vouch.lib

deny contains lib.result_at(r, ["image_scanning_configuration", 0, "scan_on_push"], "images are not scanned on push") if {
	some ty in {"aws_ecr_repository"}
	some r in input.types[ty]
	o0 := lib.block(r.attributes, "image_scanning_configuration")
	lib.not_true(o0, "scan_on_push")
}

deny contains lib.result_at(r, ["ImageScanningConfiguration", "ScanOnPush"], "images are not scanned on push") if {
	some ty in {"AWS::ECR::Repository"}
	some r in input.types[ty]
	obj := object.get(r.attributes, ["ImageScanningConfiguration"], {})
	lib.not_true(obj, "ScanOnPush")
}
