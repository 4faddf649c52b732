package vouch.checks.aws.ecr_scan_on_push_test

import data.vouch.checks.aws.ecr_scan_on_push as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_ecr_repository", {"image_scanning_configuration": [{"scan_on_push": false}]})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_ecr_repository", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_ecr_repository", {"image_scanning_configuration": [{"scan_on_push": true}]})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::ECR::Repository", {"ImageScanningConfiguration": {"ScanOnPush": "false"}})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::ECR::Repository", {"ImageScanningConfiguration": {"ScanOnPush": "true"}})
}
