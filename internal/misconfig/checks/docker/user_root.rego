# METADATA
# title: Image switches to the root user
# description: |
#   The last USER of the final stage is root (or UID 0): the container runs
#   as root.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#user
# custom:
#   id: VCH-DKR-0002
#   severity: HIGH
#   remediation: "End the final stage with USER set to an unprivileged user."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
#   frameworks:
#     cis-docker: ["4.1"]
package vouch.checks.docker.user_root

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(s, ["commands", i], "final stage runs as root") if {
	s := docker.final
	users := [[i, c] | some i, c in s.attributes.commands; c.cmd == "user"]
	count(users) > 0
	last := users[count(users) - 1]
	i := last[0]
	root(last[1].args[0])
}

root(u) if split(u, ":")[0] in {"root", "0"}
