# METADATA
# title: Workflow pipes a download into a shell
# description: |
#   curl … | bash runs whatever the server returns, unverified, with the
#   job's token and secrets.
# related_resources:
#   - https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions
# custom:
#   id: VCH-GHA-0010
#   severity: HIGH
#   remediation: "Download to a file, check its SHA-256 or signature, then run it; or use a pinned action."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.curl_pipe_shell

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gha

deny contains lib.result_named(r.resource, r.path, r.address, "a download is piped into a shell") if {
	some r in gha.runs
	text.pipe_to_shell(r.script)
}
