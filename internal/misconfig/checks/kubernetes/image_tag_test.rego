package vouch.checks.kubernetes.image_tag_test

import data.vouch.checks.kubernetes.image_tag as check
import data.vouch.test

test_deny_latest if {
	count(check.deny) == 1 with input as test.container({"image": "nginx:latest"})
}

test_deny_untagged if {
	count(check.deny) == 1 with input as test.container({"image": "registry:5000/team/app"})
}

test_allow_tag if {
	count(check.deny) == 0 with input as test.container({"image": "registry:5000/team/app:1.2.3"})
}

test_allow_digest if {
	count(check.deny) == 0 with input as test.container({"image": "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"})
}
