# METADATA
# title: CloudFront allows plain HTTP to viewers
# description: |
#   viewer_protocol_policy allow-all serves content over HTTP, where it can
#   be read and changed in transit.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
# custom:
#   id: VCH-AWS-0085
#   severity: HIGH
#   remediation: "Set viewer_protocol_policy to redirect-to-https or https-only on every cache behaviour."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_cloudfront_distribution", "AWS::CloudFront::Distribution"]
package vouch.checks.aws.cloudfront_https

import data.vouch.lib

deny contains lib.result_at(r, [k, i, "viewer_protocol_policy"], "cache behaviour allows HTTP") if {
	some r in input.types["aws_cloudfront_distribution"]
	some k in ["default_cache_behavior", "ordered_cache_behavior"]
	some i, b in lib.blocks(r.attributes, k)
	b.viewer_protocol_policy == "allow-all"
}

deny contains lib.result_at(r, ["DistributionConfig", "DefaultCacheBehavior"], "cache behaviour allows HTTP") if {
	some r in input.types["AWS::CloudFront::Distribution"]
	b := array.concat([r.attributes.DistributionConfig.DefaultCacheBehavior], object.get(r.attributes.DistributionConfig, "CacheBehaviors", []))[_]
	b.ViewerProtocolPolicy == "allow-all"
}
