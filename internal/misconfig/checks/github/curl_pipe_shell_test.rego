package vouch.checks.github.curl_pipe_shell_test

import data.vouch.checks.github.curl_pipe_shell as check
import data.vouch.test

test_deny_pipe if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "curl -sSfL https://raw.githubusercontent.com/x/y/main/install.sh | sh -s -- -b /usr/local/bin"}])
}

test_allow_download if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "curl -sSfLo tool.tgz https://example.com/tool-1.2.3.tgz"}])
}
