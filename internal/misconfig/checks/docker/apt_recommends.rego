# METADATA
# title: apt-get install pulls recommended packages
# description: |
#   Without --no-install-recommends apt installs extra packages nobody asked
#   for, each one more attack surface and more CVEs.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: VCH-DKR-0013
#   severity: LOW
#   remediation: "Add --no-install-recommends to apt-get install."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.apt_recommends

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "apt-get install without --no-install-recommends") if {
	some x in docker.runs
	some c in docker.shell_commands(x.script)
	regex.match(`^(sudo\s+)?apt-get\s+(-\S+\s+)*install\b`, c)
	not contains(c, "--no-install-recommends")
	not regex.match(`APT::Install-Recommends`, x.script)
}
