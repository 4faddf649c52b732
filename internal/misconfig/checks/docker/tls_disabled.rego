# METADATA
# title: RUN downloads with certificate checks switched off
# description: |
#   curl -k, wget --no-check-certificate, pip --trusted-host and friends
#   accept any server, so a machine in the middle can serve what it likes.
# related_resources:
#   - https://curl.se/docs/sslcerts.html
# custom:
#   id: VCH-DKR-0019
#   severity: MEDIUM
#   remediation: "Keep TLS verification on; install the CA the server uses if it is private."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.tls_disabled

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "TLS certificate verification is disabled") if {
	some x in docker.runs
	text.tls_disabled(x.script)
}

deny contains lib.result_at(x.resource, x.path, sprintf("%s disables TLS verification", [p.key])) if {
	some x in docker.commands
	x.cmd.cmd in {"env", "arg"}
	some p in x.cmd.pairs
	text.tls_disabled(sprintf("%s=%s", [p.key, p.value]))
}
