package vouch.checks.aws.ecs_privileged_test

import data.vouch.checks.aws.ecs_privileged as check
import data.vouch.test

test_deny_privileged if {
	count(check.deny) == 1 with input as test.tf("aws_ecs_task_definition", {"container_definitions": json.marshal([{"name": "app", "privileged": true}])})
}

test_allow_default if {
	count(check.deny) == 0 with input as test.tf("aws_ecs_task_definition", {"container_definitions": json.marshal([{"name": "app"}])})
}
