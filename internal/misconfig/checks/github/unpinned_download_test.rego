package vouch.checks.github.unpinned_download_test

import data.vouch.checks.github.unpinned_download as check
import data.vouch.test

test_deny_latest if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "wget https://github.com/org/tool/releases/latest/download/tool.tar.gz"}])
}

test_allow_verified if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "curl -LO https://github.com/org/tool/releases/latest/download/tool.tar.gz\necho \"abc  tool.tar.gz\" | sha256sum -c"}])
}

test_allow_versioned if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "curl -LO https://github.com/org/tool/releases/download/v1.2.3/tool.tar.gz"}])
}
