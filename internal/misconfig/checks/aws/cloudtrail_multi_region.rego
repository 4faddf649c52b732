# METADATA
# title: CloudTrail trail is not multi-region
# description: |
#   A single-region trail misses activity in every other region, where
#   attackers like to work.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
# custom:
#   id: VCH-AWS-0070
#   severity: MEDIUM
#   remediation: "Set is_multi_region_trail = true."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_cloudtrail", "AWS::CloudTrail::Trail"]
#   frameworks:
#     cis-aws-foundations: ["3.1"]
package vouch.checks.aws.cloudtrail_multi_region

import data.vouch.lib

deny contains lib.result_at(r, ["is_multi_region_trail"], "trail covers one region only") if {
	some ty in {"aws_cloudtrail"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "is_multi_region_trail")
}

deny contains lib.result_at(r, ["IsMultiRegionTrail"], "trail covers one region only") if {
	some ty in {"AWS::CloudTrail::Trail"}
	some r in input.types[ty]
	lib.not_true(r.attributes, "IsMultiRegionTrail")
}
