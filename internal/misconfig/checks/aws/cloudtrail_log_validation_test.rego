package vouch.checks.aws.cloudtrail_log_validation_test

import data.vouch.checks.aws.cloudtrail_log_validation as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_cloudtrail", {"enable_log_file_validation": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_cloudtrail", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_cloudtrail", {"enable_log_file_validation": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::CloudTrail::Trail", {"EnableLogFileValidation": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::CloudTrail::Trail", {"EnableLogFileValidation": "true"})
}
