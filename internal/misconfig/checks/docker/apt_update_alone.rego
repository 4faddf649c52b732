# METADATA
# title: apt-get update in its own RUN
# description: |
#   A cached "RUN apt-get update" layer is reused by later builds, so
#   installs in later layers use stale package lists and miss security
#   fixes.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: VCH-DKR-0014
#   severity: LOW
#   remediation: "Run apt-get update and apt-get install in the same RUN instruction."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.apt_update_alone

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "apt-get update without install in the same RUN") if {
	some x in docker.runs
	regex.match(`\bapt(-get)?\s+update\b`, x.script)
	not regex.match(`\bapt(-get)?\s+(-\S+\s+)*(install|upgrade|dist-upgrade)\b`, x.script)
}
