package vouch.checks.gitlab.curl_pipe_shell_test

import data.vouch.checks.gitlab.curl_pipe_shell as check
import data.vouch.test

test_deny_pipe if {
	count(check.deny) == 1 with input as test.gitlab({"jobs": {"setup": {"script": ["curl -sL https://deb.nodesource.com/setup_20.x | bash -"]}}})
}

test_allow_download if {
	count(check.deny) == 0 with input as test.gitlab({"jobs": {"setup": {"script": ["curl -sLo node.tgz https://nodejs.org/dist/v20.1.0/node.tgz"]}}})
}
