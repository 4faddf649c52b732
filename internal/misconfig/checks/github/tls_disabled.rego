# METADATA
# title: Workflow disables TLS certificate checks
# description: |
#   curl -k, wget --no-check-certificate or GIT_SSL_NO_VERIFY accept any
#   server, so whoever sits in the middle decides what the job downloads.
# related_resources:
#   - https://curl.se/docs/sslcerts.html
# custom:
#   id: VCH-GHA-0012
#   severity: MEDIUM
#   remediation: "Keep verification on; install the private CA if one is needed."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.tls_disabled

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gha

deny contains lib.result_named(r.resource, r.path, r.address, "TLS certificate verification is disabled") if {
	some r in gha.runs
	text.tls_disabled(r.script)
}

deny contains lib.result_named(e.resource, array.concat(e.path, [k]), e.address, sprintf("%s disables TLS verification", [k])) if {
	some e in gha.env_maps
	some k, v in e.env
	text.tls_disabled(sprintf("%s=%v", [k, v]))
}
