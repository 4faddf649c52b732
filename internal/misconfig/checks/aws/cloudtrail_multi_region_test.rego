package vouch.checks.aws.cloudtrail_multi_region_test

import data.vouch.checks.aws.cloudtrail_multi_region as check
import data.vouch.test

test_deny_tf_1 if {
	count(check.deny) == 1 with input as test.tf("aws_cloudtrail", {"is_multi_region_trail": false})
}

test_deny_tf_missing_1 if {
	count(check.deny) == 1 with input as test.tf("aws_cloudtrail", {})
}

test_allow_tf_1 if {
	count(check.deny) == 0 with input as test.tf("aws_cloudtrail", {"is_multi_region_trail": true})
}

test_deny_cfn_2 if {
	count(check.deny) == 1 with input as test.cfn("AWS::CloudTrail::Trail", {"IsMultiRegionTrail": "false"})
}

test_allow_cfn_2 if {
	count(check.deny) == 0 with input as test.cfn("AWS::CloudTrail::Trail", {"IsMultiRegionTrail": "true"})
}
