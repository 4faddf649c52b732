package vouch.checks.aws.cloudfront_tls_test

import data.vouch.checks.aws.cloudfront_tls as check
import data.vouch.test

test_deny_default_cert if {
	count(check.deny) == 1 with input as test.tf("aws_cloudfront_distribution", {"viewer_certificate": [{"cloudfront_default_certificate": true}]})
}

test_allow_tls12 if {
	count(check.deny) == 0 with input as test.tf("aws_cloudfront_distribution", {"viewer_certificate": [{"acm_certificate_arn": "arn", "minimum_protocol_version": "TLSv1.2_2021"}]})
}
