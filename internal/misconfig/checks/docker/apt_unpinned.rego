# METADATA
# title: apt-get install without pinned versions
# description: |
#   Unpinned packages make builds unrepeatable: each build may install
#   different code.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: VCH-DKR-0009
#   severity: LOW
#   remediation: "Pin versions: apt-get install -y curl=8.5.0-2ubuntu10."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.apt_unpinned

import data.vouch.lib
import data.vouch.lib.docker

# unpinned lists the package arguments of an install command without a
# version.
deny contains lib.result_at(x.resource, x.path, sprintf("packages installed without a version: %v", [bad])) if {
	some x in docker.runs
	some c in docker.shell_commands(x.script)
	regex.match(`^(sudo\s+)?apt(-get)?\s+(-\S+\s+)*install\b`, c)
	bad := [p |
		some p in array.slice(split(regex.replace(c, `\s+`, " "), " "), 1, 1000)
		package_arg(p)
		not pinned(p)
	]
	count(bad) > 0
}

package_arg(p) if {
	not startswith(p, "-")
	not p in {"install", "apt-get", "apt", "sudo", "\\"}
	not contains(p, "$")
	not contains(p, "/")
}

pinned(p) if contains(p, "=")
