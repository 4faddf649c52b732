package vouch.checks.aws.ecr_tag_mutable_test

import data.vouch.checks.aws.ecr_tag_mutable as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_ecr_repository", {"name": "app"})
}

test_deny_cfn if {
	count(check.deny) == 1 with input as test.cfn("AWS::ECR::Repository", {"ImageTagMutability": "MUTABLE"})
}

test_allow_immutable if {
	count(check.deny) == 0 with input as test.tf("aws_ecr_repository", {"image_tag_mutability": "IMMUTABLE"})
}
