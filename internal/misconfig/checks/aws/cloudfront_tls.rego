# METADATA
# title: CloudFront allows outdated TLS to viewers
# description: |
#   The default certificate, or a minimum protocol below TLSv1.2, lets
#   viewers connect with weak protocols.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# custom:
#   id: VCH-AWS-0086
#   severity: HIGH
#   remediation: "Use your own certificate with minimum_protocol_version = \"TLSv1.2_2021\"."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_cloudfront_distribution", "AWS::CloudFront::Distribution"]
package vouch.checks.aws.cloudfront_tls

import data.vouch.lib

deny contains lib.result_at(r, ["viewer_certificate"], "viewer TLS may be below 1.2") if {
	some r in input.types["aws_cloudfront_distribution"]
	vc := lib.block(r.attributes, "viewer_certificate")
	weak(vc)
}

weak(vc) if lib.is_true(vc.cloudfront_default_certificate)

weak(vc) if not startswith(object.get(vc, "minimum_protocol_version", "TLSv1"), "TLSv1.2")

deny contains lib.result_at(r, ["DistributionConfig", "ViewerCertificate"], "viewer TLS may be below 1.2") if {
	some r in input.types["AWS::CloudFront::Distribution"]
	vc := object.get(r.attributes, ["DistributionConfig", "ViewerCertificate"], {})
	not startswith(object.get(vc, "MinimumProtocolVersion", "TLSv1"), "TLSv1.2")
}
