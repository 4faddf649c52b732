package vouch.checks.docker.base_image_digest_test

import data.vouch.checks.docker.base_image_digest as check
import data.vouch.test

test_deny_tag_only if {
	count(check.deny) == 1 with input as test.dockerfile([["python:3.12-slim", []]])
}

test_allow_digest if {
	count(check.deny) == 0 with input as test.dockerfile([["python:3.12-slim@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", []]])
}
