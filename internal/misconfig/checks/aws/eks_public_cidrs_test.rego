package vouch.checks.aws.eks_public_cidrs_test

import data.vouch.checks.aws.eks_public_cidrs as check
import data.vouch.test

test_deny_default if {
	count(check.deny) == 1 with input as test.tf("aws_eks_cluster", {"vpc_config": [{}]})
}

test_allow_cidrs if {
	count(check.deny) == 0 with input as test.tf("aws_eks_cluster", {"vpc_config": [{"public_access_cidrs": ["203.0.113.0/24"]}]})
}

test_allow_private if {
	count(check.deny) == 0 with input as test.tf("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": false}]})
}
