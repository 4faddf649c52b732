package vouch.checks.gitlab.include_unpinned_test

import data.vouch.checks.gitlab.include_unpinned as check
import data.vouch.test

test_deny_remote if {
	count(check.deny) == 1 with input as test.gitlab({"include": [{"remote": "https://example.com/ci/template.yml"}], "jobs": {}})
}

test_deny_project_no_ref if {
	count(check.deny) == 1 with input as test.gitlab({"include": {"project": "group/ci", "file": "/templates/build.yml"}, "jobs": {}})
}

test_allow_pinned if {
	count(check.deny) == 0 with input as test.gitlab({"include": [{"project": "group/ci", "ref": "v1.4.0", "file": "/b.yml"}, {"local": "/ci/test.yml"}, {"template": "Security/SAST.gitlab-ci.yml"}], "jobs": {}})
}
