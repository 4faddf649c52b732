# METADATA
# title: Instance user data contains credentials
# description: |
#   User data is readable by anyone who can describe the instance, and from
#   inside it through the metadata service. Access keys or passwords written
#   there are exposed.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html
# custom:
#   id: VCH-AWS-0039
#   severity: CRITICAL
#   remediation: "Give the instance an IAM role, and fetch other secrets at boot from Secrets Manager or SSM Parameter Store."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_instance", "aws_launch_template", "aws_launch_configuration", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"]
package vouch.checks.aws.ec2_user_data_secrets

import data.vouch.lib
import data.vouch.lib.text

user_data(r) := v if {
	r.type in {"aws_instance", "aws_launch_template", "aws_launch_configuration"}
	some k in ["user_data", "user_data_base64"]
	v := decoded(r.attributes[k])
}

user_data(r) := v if {
	r.type == "AWS::EC2::Instance"
	v := decoded(r.attributes.UserData)
}

user_data(r) := v if {
	r.type == "AWS::EC2::LaunchTemplate"
	v := decoded(r.attributes.LaunchTemplateData.UserData)
}

decoded(v) := base64.decode(v) if {
	is_string(v)
	regex.match(`^[A-Za-z0-9+/]{16,}={0,2}$`, v)
} else := v if {
	is_string(v)
} else := json.marshal(v) if {
	is_object(v)
}

deny contains lib.result(r, "user data contains credentials") if {
	some ty in {"aws_instance", "aws_launch_template", "aws_launch_configuration", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"}
	some r in input.types[ty]
	u := user_data(r)
	leaks(u)
}

leaks(u) if text.aws_key(u)

leaks(u) if text.credential_assignment(u)
