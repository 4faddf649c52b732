# METADATA
# title: ECS container runs privileged
# description: |
#   A privileged container has root on the host: escaping it takes one
#   command.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
# custom:
#   id: VCH-AWS-0088
#   severity: HIGH
#   remediation: "Remove privileged: true; grant the specific Linux capabilities the container needs."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_ecs_task_definition", "AWS::ECS::TaskDefinition"]
package vouch.checks.aws.ecs_privileged

import data.vouch.lib

defs(r) := json.unmarshal(r.attributes.container_definitions) if {
	r.type == "aws_ecs_task_definition"
	is_string(r.attributes.container_definitions)
	json.is_valid(r.attributes.container_definitions)
} else := object.get(r.attributes, "ContainerDefinitions", [])

deny contains lib.result_at(r, ["container_definitions"], sprintf("container %v is privileged", [object.get(c, "name", object.get(c, "Name", ""))])) if {
	some ty in {"aws_ecs_task_definition", "AWS::ECS::TaskDefinition"}
	some r in input.types[ty]
	some c in defs(r)
	lib.is_true(object.get(c, "privileged", object.get(c, "Privileged", false)))
}
