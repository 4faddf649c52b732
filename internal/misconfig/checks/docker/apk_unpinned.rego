# METADATA
# title: apk add without pinned versions
# description: |
#   Unpinned packages make builds unrepeatable: each build may install
#   different code.
# related_resources:
#   - https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage
# custom:
#   id: VCH-DKR-0010
#   severity: LOW
#   remediation: "Pin versions: apk add --no-cache curl=8.9.1-r0."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.apk_unpinned

import data.vouch.lib
import data.vouch.lib.docker

# unpinned lists the package arguments of an install command without a
# version.
deny contains lib.result_at(x.resource, x.path, sprintf("packages installed without a version: %v", [bad])) if {
	some x in docker.runs
	some c in docker.shell_commands(x.script)
	regex.match(`^(sudo\s+)?apk\s+(-\S+\s+)*add\b`, c)
	bad := [p |
		some p in array.slice(split(regex.replace(c, `\s+`, " "), " "), 1, 1000)
		package_arg(p)
		not pinned(p)
	]
	count(bad) > 0
}

package_arg(p) if {
	not startswith(p, "-")
	not p in {"add", "apk", "sudo", "\\"}
	not contains(p, "$")
	not startswith(p, ".")
}

pinned(p) if regex.match(`[=~<>]`, p)
