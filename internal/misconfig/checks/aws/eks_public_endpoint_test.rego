package vouch.checks.aws.eks_public_endpoint_test

import data.vouch.checks.aws.eks_public_endpoint as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_eks_cluster", {"vpc_config": [{"subnet_ids": []}]})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": false}]})
}
