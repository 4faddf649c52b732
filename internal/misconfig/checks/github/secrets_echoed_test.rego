package vouch.checks.github.secrets_echoed_test

import data.vouch.checks.github.secrets_echoed as check
import data.vouch.test

test_deny_direct if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "echo ${{ secrets.AWS_SECRET }}"}])
}

test_deny_via_env if {
	count(check.deny) == 1 with input as test.gha_steps([{"run": "echo \"token is $TOKEN\"", "env": {"TOKEN": "${{ secrets.TOKEN }}"}}])
}

test_allow_piped_to_login if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "echo ${{ secrets.TOKEN }} | docker login -u x --password-stdin"}])
}

test_allow_file if {
	count(check.deny) == 0 with input as test.gha_steps([{"run": "echo \"$KEY\" > key.pem", "env": {"KEY": "${{ secrets.KEY }}"}}])
}
