# METADATA
# title: pip, npm or gem install without pinned versions
# description: |
#   Packages installed without a version take whatever the registry serves
#   that day, including a malicious release.
# related_resources:
#   - https://pip.pypa.io/en/stable/topics/repeatable-installs/
# custom:
#   id: VCH-DKR-0012
#   severity: LOW
#   remediation: "Pin versions (pip install flask==3.0.3, npm install -g pnpm@9.1.0, gem install rails -v 7.1.3) or install from a lock file."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.lang_unpinned

import data.vouch.lib
import data.vouch.lib.docker

# unpinned lists the package arguments of an install command without a
# version.
deny contains lib.result_at(x.resource, x.path, sprintf("packages installed without a version: %v", [bad])) if {
	some x in docker.runs
	some c in docker.shell_commands(x.script)
	regex.match(`^(sudo\s+)?(pip[0-9.]*\s+install|python[0-9.]*\s+-m\s+pip\s+install|npm\s+(i|install)\s+(-g|--global)|gem\s+install)\b`, c)
	bad := [p |
		some p in array.slice(split(regex.replace(c, `\s+`, " "), " "), 1, 1000)
		package_arg(p)
		not pinned(p)
	]
	count(bad) > 0
}

package_arg(p) if {
	not startswith(p, "-")
	not p in {"install", "i", "pip", "pip3", "npm", "gem", "python", "python3", "-m", "sudo", "\\", "."}
	not regex.match(`^(pip[0-9.]*|python[0-9.]*)$`, p)
	not contains(p, "$")
	not contains(p, "/")
	not regex.match(`\.(txt|whl|tar\.gz|zip|tgz)$`, p)
	not regex.match(`^[0-9]`, p)
}

pinned(p) if regex.match(`(==|@[0-9]|>=|<=|~=|===)`, p)
