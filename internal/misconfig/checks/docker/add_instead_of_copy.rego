# METADATA
# title: ADD used where COPY would do
# description: |
#   ADD unpacks archives and fetches URLs implicitly; for plain local files
#   COPY says what happens.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#add-or-copy
# custom:
#   id: VCH-DKR-0004
#   severity: LOW
#   remediation: "Use COPY for local files and directories."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
#   frameworks:
#     cis-docker: ["4.9"]
package vouch.checks.docker.add_instead_of_copy

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "ADD of local files; use COPY") if {
	some x in docker.commands
	x.cmd.cmd == "add"
	count(x.cmd.args) >= 2
	srcs := array.slice(x.cmd.args, 0, count(x.cmd.args) - 1)
	every s in srcs {
		not regex.match(`^(https?://|git@)`, s)
		not regex.match(`\.(tar|tgz|tar\.gz|tar\.bz2|tbz2|tar\.xz|txz|tar\.zst|gz|bz2|xz)$`, s)
	}
}
