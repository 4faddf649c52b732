package vouch.checks.docker.curl_pipe_shell_test

import data.vouch.checks.docker.curl_pipe_shell as check
import data.vouch.test

test_deny_pipe if {
	count(check.deny) == 1 with input as test.dockerfile([["ubuntu:24.04", [test.cmd("run", "curl -fsSL https://get.example.com | sh")]]])
}

test_deny_bash_process_substitution if {
	count(check.deny) == 1 with input as test.dockerfile([["ubuntu:24.04", [test.cmd("run", "bash <(curl -s https://x.example/install)")]]])
}

test_allow_verified if {
	count(check.deny) == 0 with input as test.dockerfile([["ubuntu:24.04", [test.cmd("run", "curl -fsSLo i.sh https://x/i.sh && echo \"abc  i.sh\" | sha256sum -c && sh i.sh")]]])
}
