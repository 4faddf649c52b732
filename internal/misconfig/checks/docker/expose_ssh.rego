# METADATA
# title: Image exposes the SSH port
# description: |
#   An SSH server in a container is a second way in that bypasses the
#   orchestrator's access control.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#expose
# custom:
#   id: VCH-DKR-0017
#   severity: MEDIUM
#   remediation: "Remove the SSH server and EXPOSE 22; use the orchestrator (kubectl exec, docker exec) to debug."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
#   frameworks:
#     cis-docker: ["4.8"]
package vouch.checks.docker.expose_ssh

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "EXPOSE 22") if {
	some x in docker.commands
	x.cmd.cmd == "expose"
	some p in x.cmd.args
	split(p, "/")[0] == "22"
}
