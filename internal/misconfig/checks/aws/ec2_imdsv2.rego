# METADATA
# title: Instance metadata service does not require IMDSv2 tokens
# description: |
#   IMDSv1 answers any GET request, so a server-side request forgery in an
#   application hands out the instance role's credentials. IMDSv2 requires a
#   session token that such requests cannot get.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
# custom:
#   id: VCH-AWS-0035
#   severity: HIGH
#   remediation: "Set metadata_options { http_tokens = \"required\" } (MetadataOptions.HttpTokens: required)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_instance", "aws_launch_template", "aws_launch_configuration", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"]
#   frameworks:
#     cis-aws-foundations: ["5.6"]
package vouch.checks.aws.ec2_imdsv2

import data.vouch.lib

deny contains lib.result_at(r, ["metadata_options"], "instance metadata does not require tokens (IMDSv1 allowed)") if {
	some ty in {"aws_instance", "aws_launch_template", "aws_launch_configuration"}
	some r in input.types[ty]
	not required(lib.block(r.attributes, "metadata_options"))
}

required(m) if m.http_tokens == "required"

required(m) if m.http_endpoint == "disabled"

deny contains lib.result_at(r, ["LaunchTemplateData", "MetadataOptions"], "launch template does not require IMDSv2 tokens") if {
	some r in input.types["AWS::EC2::LaunchTemplate"]
	not cfn_required(object.get(r.attributes, ["LaunchTemplateData", "MetadataOptions"], {}))
}

cfn_required(m) if m.HttpTokens == "required"

cfn_required(m) if m.HttpEndpoint == "disabled"
