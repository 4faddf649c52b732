# METADATA
# title: Image has no HEALTHCHECK
# description: |
#   Without a health check the runtime cannot tell a hung container from a
#   working one.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#healthcheck
# custom:
#   id: VCH-DKR-0016
#   severity: LOW
#   remediation: "Add HEALTHCHECK CMD \u2026 (or HEALTHCHECK NONE to say health is checked elsewhere)."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
#   frameworks:
#     cis-docker: ["4.6"]
package vouch.checks.docker.no_healthcheck

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(s, ["from"], "final stage has no HEALTHCHECK") if {
	s := docker.final
	not s.attributes.from.scratch
	count([c | some st in docker.stages; some c in st.attributes.commands; c.cmd == "healthcheck"]) == 0
}
