# METADATA
# title: Workflow downloads from a mutable URL without checking it
# description: |
#   A URL that names a branch (main, master), "latest" or a bare install
#   script serves different content over time; without a checksum the job
#   runs whatever it gets.
# related_resources:
#   - https://slsa.dev/spec/v1.0/threats
# custom:
#   id: VCH-GHA-0011
#   severity: MEDIUM
#   remediation: "Download a versioned artifact and verify it (sha256sum -c, cosign verify, gpg --verify)."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.unpinned_download

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gha

deny contains lib.result_named(r.resource, r.path, r.address, sprintf("downloads %s without verifying it", [u])) if {
	some r in gha.runs
	some u in text.download_urls(r.script)
	text.mutable_url(u)
	not text.verified(r.script)
}
