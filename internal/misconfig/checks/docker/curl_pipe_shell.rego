# METADATA
# title: RUN pipes a download into a shell
# description: |
#   curl … | sh runs whatever the server returns at build time, unverified,
#   as root.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#run
# custom:
#   id: VCH-DKR-0005
#   severity: HIGH
#   remediation: "Download to a file, verify its checksum or signature, then run it."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.curl_pipe_shell

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "a download is piped into a shell") if {
	some x in docker.runs
	text.pipe_to_shell(x.script)
}
