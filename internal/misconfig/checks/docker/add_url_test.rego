package vouch.checks.docker.add_url_test

import data.vouch.checks.docker.add_url as check
import data.vouch.test

test_deny_url if {
	count(check.deny) == 1 with input as test.dockerfile([["alpine:3.20", [test.cmd("add", "https://example.com/tool.tgz /opt/")]]])
}

test_allow_checksum if {
	count(check.deny) == 0 with input as test.dockerfile([["alpine:3.20", [object.union(test.cmd("add", "https://example.com/tool.tgz"), {"args": ["https://example.com/tool.tgz", "/opt/"], "flags": ["--checksum=sha256:abc"]})]]])
}
