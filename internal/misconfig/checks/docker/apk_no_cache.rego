# METADATA
# title: apk add keeps its cache
# description: |
#   The package index left in the layer makes the image bigger and stale.
# related_resources:
#   - https://github.com/gliderlabs/docker-alpine/blob/master/docs/usage.md#disabling-cache
# custom:
#   id: VCH-DKR-0018
#   severity: LOW
#   remediation: "Use apk add --no-cache."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.apk_no_cache

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "apk add without --no-cache") if {
	some x in docker.runs
	some c in docker.shell_commands(x.script)
	regex.match(`^(sudo\s+)?apk\s+(-\S+\s+)*add\b`, c)
	not contains(c, "--no-cache")
	not regex.match(`rm\s+-rf\s+/var/cache/apk`, x.script)
}
