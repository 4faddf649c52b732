package vouch.checks.aws.eks_control_plane_logging_test

import data.vouch.checks.aws.eks_control_plane_logging as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_eks_cluster", {})
}

test_allow_all if {
	count(check.deny) == 0 with input as test.tf("aws_eks_cluster", {"enabled_cluster_log_types": ["api", "audit", "authenticator"]})
}
