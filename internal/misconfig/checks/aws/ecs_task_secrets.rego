# METADATA
# title: ECS task definition has credentials in its environment
# description: |
#   Container environment variables are stored in the task definition,
#   readable by anyone who can describe it.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
# custom:
#   id: VCH-AWS-0087
#   severity: CRITICAL
#   remediation: "Use the secrets field (valueFrom Secrets Manager or SSM) instead of environment for credentials."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_ecs_task_definition", "AWS::ECS::TaskDefinition"]
package vouch.checks.aws.ecs_task_secrets

import data.vouch.lib
import data.vouch.lib.text

defs(r) := json.unmarshal(r.attributes.container_definitions) if {
	r.type == "aws_ecs_task_definition"
	is_string(r.attributes.container_definitions)
	json.is_valid(r.attributes.container_definitions)
} else := r.attributes.container_definitions if {
	r.type == "aws_ecs_task_definition"
	is_array(r.attributes.container_definitions)
} else := object.get(r.attributes, "ContainerDefinitions", [])

env(c) := object.get(c, "environment", object.get(c, "Environment", []))

deny contains lib.result_at(r, path(r), sprintf("container %v: environment variable %v holds a literal credential", [object.get(c, "name", object.get(c, "Name", "")), k])) if {
	some ty in {"aws_ecs_task_definition", "AWS::ECS::TaskDefinition"}
	some r in input.types[ty]
	some c in defs(r)
	some e in env(c)
	k := object.get(e, "name", object.get(e, "Name", ""))
	v := object.get(e, "value", object.get(e, "Value", ""))
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

path(r) := ["container_definitions"] if {
	r.type == "aws_ecs_task_definition"
} else := ["ContainerDefinitions"]
