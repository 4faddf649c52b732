package vouch.checks.aws.ecs_task_secrets_test

import data.vouch.checks.aws.ecs_task_secrets as check
import data.vouch.test

test_deny_password if {
	count(check.deny) == 1 with input as test.tf("aws_ecs_task_definition", {"container_definitions": json.marshal([{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "hunter2hunter2"}]}])})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::ECS::TaskDefinition", {"ContainerDefinitions": [{"Name": "app", "Environment": [{"Name": "API_TOKEN", "Value": "abcd1234efgh"}]}]})
}

test_allow_secrets_field if {
	count(check.deny) == 0 with input as test.tf("aws_ecs_task_definition", {"container_definitions": json.marshal([{"name": "app", "environment": [{"name": "PORT", "value": "8080"}], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:x"}]}])})
}
