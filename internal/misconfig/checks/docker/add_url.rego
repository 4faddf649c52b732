# METADATA
# title: ADD downloads from a URL
# description: |
#   ADD <url> fetches whatever the URL serves at build time, without
#   checking it.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#add
# custom:
#   id: VCH-DKR-0003
#   severity: MEDIUM
#   remediation: "Download with curl or wget and verify a checksum (or use ADD --checksum=sha256:\u2026)."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
#   frameworks:
#     cis-docker: ["4.9"]
package vouch.checks.docker.add_url

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, sprintf("ADD fetches %v", [u])) if {
	some x in docker.commands
	x.cmd.cmd == "add"
	not checksum(x.cmd)
	some u in x.cmd.args
	regex.match(`^https?://`, u)
}

checksum(c) if {
	some f in c.flags
	startswith(f, "--checksum=")
}
