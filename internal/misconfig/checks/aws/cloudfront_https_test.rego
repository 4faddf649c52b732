package vouch.checks.aws.cloudfront_https_test

import data.vouch.checks.aws.cloudfront_https as check
import data.vouch.test

test_deny_allow_all if {
	count(check.deny) == 1 with input as test.tf("aws_cloudfront_distribution", {"default_cache_behavior": [{"viewer_protocol_policy": "allow-all"}]})
}

test_allow_redirect if {
	count(check.deny) == 0 with input as test.tf("aws_cloudfront_distribution", {"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}]})
}
