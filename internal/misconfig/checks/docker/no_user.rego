# METADATA
# title: "Image runs as root: no USER instruction"
# description: |
#   Without a USER instruction in the final stage the container's processes
#   run as root, unless whoever runs the image remembers to say otherwise.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#user
# custom:
#   id: VCH-DKR-0001
#   severity: MEDIUM
#   remediation: "Create an unprivileged user and switch to it: RUN useradd -r app && USER app (or USER 10001)."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
#   frameworks:
#     cis-docker: ["4.1"]
package vouch.checks.docker.no_user

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(docker.final, ["from"], "final stage has no USER instruction") if {
	s := docker.final
	not s.attributes.from.scratch
	count([c | some c in s.attributes.commands; c.cmd == "user"]) == 0
	not inherits_user(s)
}

# A final stage FROM an earlier stage inherits its USER.
inherits_user(s) if {
	s.attributes.from.stage
	some p in docker.stages
	lower(p.attributes.name) == lower(s.attributes.from.ref)
	some c in p.attributes.commands
	c.cmd == "user"
}
