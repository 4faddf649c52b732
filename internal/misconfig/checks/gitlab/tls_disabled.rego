# METADATA
# title: Pipeline disables TLS certificate checks
# description: |
#   GIT_SSL_NO_VERIFY, curl -k or wget --no-check-certificate accept any
#   server, so whoever sits in the middle decides what the job gets.
# related_resources:
#   - https://docs.gitlab.com/runner/configuration/tls-self-signed.html
# custom:
#   id: VCH-GLC-0007
#   severity: MEDIUM
#   remediation: "Keep verification on; add the private CA with CI_SERVER_TLS_CA_FILE or to the image."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.tls_disabled

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gitlab

deny contains lib.result_named(s.resource, s.path, sprintf("jobs.%s", [s.job.name]), "TLS certificate verification is disabled") if {
	some s in gitlab.scripts
	text.tls_disabled(s.line)
}

deny contains lib.result_named(v.resource, v.path, v.address, sprintf("%s disables TLS verification", [v.name])) if {
	some v in gitlab.variables
	text.tls_disabled(sprintf("%s=%v", [v.name, v.value]))
}
