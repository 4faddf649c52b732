package vouch.checks.aws.eks_secrets_encryption_test

import data.vouch.checks.aws.eks_secrets_encryption as check
import data.vouch.test

test_deny_missing if {
	count(check.deny) == 1 with input as test.tf("aws_eks_cluster", {"name": "c"})
}

test_allow_encrypted if {
	count(check.deny) == 0 with input as test.tf("aws_eks_cluster", {"encryption_config": [{"resources": ["secrets"], "provider": [{"key_arn": "k"}]}]})
}
