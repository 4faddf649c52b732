package vouch.checks.docker.lang_unpinned_test

import data.vouch.checks.docker.lang_unpinned as check
import data.vouch.test

test_deny_unpinned if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "pip install --no-cache-dir flask requests")]]])
}

test_allow_pinned if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "pip install --no-cache-dir -r requirements.txt flask==3.0.3")]]])
}
