# METADATA
# title: Lambda X-Ray tracing is not active
# description: |
#   Active tracing records each invocation's calls, which helps spot abuse
#   and failures.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html
# custom:
#   id: VCH-AWS-0075
#   severity: LOW
#   remediation: "Add tracing_config { mode = \"Active\" }."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_lambda_function", "AWS::Lambda::Function"]
package vouch.checks.aws.lambda_tracing

import data.vouch.lib

deny contains lib.result_at(r, ["tracing_config"], "tracing is not active") if {
	some r in input.types["aws_lambda_function"]
	object.get(lib.block(r.attributes, "tracing_config"), "mode", "PassThrough") != "Active"
}

deny contains lib.result_at(r, ["TracingConfig"], "tracing is not active") if {
	some r in input.types["AWS::Lambda::Function"]
	object.get(r.attributes, ["TracingConfig", "Mode"], "PassThrough") != "Active"
}
