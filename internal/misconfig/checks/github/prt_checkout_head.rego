# METADATA
# title: pull_request_target checks out the pull request code
# description: |
#   pull_request_target runs with the base repository's secrets and a write
#   token. Checking out the pull request's head and building it runs an
#   outsider's code with those privileges ("pwn request").
# related_resources:
#   - https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
# custom:
#   id: VCH-GHA-0006
#   severity: CRITICAL
#   remediation: "Use the pull_request event for building untrusted code; if pull_request_target is needed, never check out or run the head ref."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.prt_checkout_head

import data.vouch.lib
import data.vouch.lib.gha

privileged if "pull_request_target" in gha.triggers

privileged if "workflow_run" in gha.triggers

head_ref(v) if {
	is_string(v)
	regex.match(`github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|refs/pull/`, v)
}

deny contains lib.result_named(s.resource, array.concat(s.path, ["with", "ref"]), s.address, "privileged workflow checks out the pull request head") if {
	privileged
	some s in gha.steps
	gha.uses_action(s.step, "actions/checkout")
	head_ref(s.step["with"].ref)
}

deny contains lib.result_named(r.resource, r.path, r.address, "privileged workflow fetches the pull request head") if {
	privileged
	some r in gha.runs
	regex.match(`git\s+(fetch|checkout|pull)\b[^\n]*(pull/|head_ref|pull_request\.head)`, r.script)
}
