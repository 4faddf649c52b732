# METADATA
# title: RUN uses sudo
# description: |
#   sudo in an image means a privileged path exists at run time and its
#   behaviour (TTY, env) makes builds unpredictable.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: VCH-DKR-0015
#   severity: MEDIUM
#   remediation: "Run privileged steps before switching USER, and do not install sudo."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.sudo

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "RUN uses sudo") if {
	some x in docker.runs
	some c in docker.shell_commands(x.script)
	regex.match(`^sudo\s`, c)
}
