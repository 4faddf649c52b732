# METADATA
# title: Lambda environment variables hold credentials
# description: |
#   Environment variables of a function are visible to anyone who can read
#   its configuration, and are stored in the template and the state.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption
# custom:
#   id: VCH-AWS-0074
#   severity: HIGH
#   remediation: "Give the function an execution role instead of keys; read other secrets from Secrets Manager or SSM at run time."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function"]
package vouch.checks.aws.lambda_env_secrets

import data.vouch.lib
import data.vouch.lib.text

vars(r) := object.get(lib.block(r.attributes, "environment"), "variables", {}) if {
	r.type == "aws_lambda_function"
} else := object.get(r.attributes, ["Environment", "Variables"], {})

deny contains lib.result_at(r, path(r, k), sprintf("environment variable %s holds a literal credential", [k])) if {
	some ty in {"aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function"}
	some r in input.types[ty]
	some k, v in vars(r)
	leaked(k, v)
}

leaked(k, v) if {
	text.secret_name(k)
	text.literal(v)
}

leaked(_, v) if {
	is_string(v)
	text.aws_key(v)
}

path(r, k) := ["environment", 0, "variables", k] if {
	r.type == "aws_lambda_function"
} else := ["Environment", "Variables", k]
