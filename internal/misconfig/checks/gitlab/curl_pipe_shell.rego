# METADATA
# title: Pipeline pipes a download into a shell
# description: |
#   curl … | sh runs whatever the server returns, unverified, with the job's
#   token and variables.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/pipeline_security/
# custom:
#   id: VCH-GLC-0003
#   severity: HIGH
#   remediation: "Download to a file, verify its checksum or signature, then run it."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.curl_pipe_shell

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gitlab

deny contains lib.result_named(s.resource, s.path, sprintf("jobs.%s", [s.job.name]), "a download is piped into a shell") if {
	some s in gitlab.scripts
	text.pipe_to_shell(s.line)
}
