package vouch.checks.docker.base_image_latest_test

import data.vouch.checks.docker.base_image_latest as check
import data.vouch.test

test_deny_latest if {
	count(check.deny) == 1 with input as test.dockerfile([["nginx:latest", []]])
}

test_deny_untagged if {
	count(check.deny) == 1 with input as test.dockerfile([["nginx", []]])
}

test_allow_tag if {
	count(check.deny) == 0 with input as test.dockerfile([["nginx:1.27", []]])
}

test_allow_scratch if {
	count(check.deny) == 0 with input as test.dockerfile([["scratch", []]])
}
