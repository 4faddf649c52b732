# METADATA
# title: Pipeline has a hard-coded credential
# description: |
#   A password or token in .gitlab-ci.yml variables is readable by everyone
#   with access to the repository and stays in its history.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/variables/#cicd-variable-security
# custom:
#   id: VCH-GLC-0001
#   severity: CRITICAL
#   remediation: "Define the value as a masked, protected CI/CD variable in the project settings, or fetch it from a vault."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.hardcoded_credentials

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gitlab

deny contains lib.result_named(v.resource, v.path, v.address, sprintf("variable %s holds a literal credential", [v.name])) if {
	some v in gitlab.variables
	leaked(v.name, v.value)
}

leaked(k, v) if {
	text.secret_name(k)
	text.literal(v)
}

leaked(_, v) if {
	is_string(v)
	text.aws_key(v)
}
