package vouch.checks.gitlab.image_unpinned_test

import data.vouch.checks.gitlab.image_unpinned as check
import data.vouch.test

test_deny_latest if {
	count(check.deny) == 1 with input as test.gitlab({"image": "node:latest", "jobs": {}})
}

test_deny_job_untagged if {
	count(check.deny) == 1 with input as test.gitlab({"jobs": {"t": {"image": {"name": "python"}, "script": ["pytest"]}}})
}

test_allow_tag if {
	count(check.deny) == 0 with input as test.gitlab({"image": "node:20.11.1", "jobs": {"t": {"image": "registry.example.com:5000/python:3.12", "script": ["x"]}}})
}
