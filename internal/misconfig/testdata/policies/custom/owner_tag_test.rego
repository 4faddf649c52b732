package acme.owner_tag_test

import data.acme.owner_tag as check
import data.vouch.test

test_deny_untagged if {
	count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"bucket": "b"})
}

test_allow_tagged if {
	count(check.deny) == 0 with input as test.tf("aws_s3_bucket", {"tags": {"owner": "data"}})
}
