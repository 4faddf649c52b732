# METADATA
# title: actions/checkout leaves the token in the working tree
# description: |
#   By default checkout writes the GITHUB_TOKEN into .git/config, where
#   every later step (and any artifact that uploads the directory) can read
#   it.
# related_resources:
#   - https://github.com/actions/checkout#usage
# custom:
#   id: VCH-GHA-0015
#   severity: LOW
#   remediation: "Set with: persist-credentials: false unless a later step pushes."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.checkout_persist_credentials

import data.vouch.lib
import data.vouch.lib.gha

deny contains lib.result_named(s.resource, s.path, s.address, "checkout persists credentials") if {
	some s in gha.steps
	gha.uses_action(s.step, "actions/checkout")
	not lib.is_false(object.get(object.get(s.step, "with", {}), "persist-credentials", true))
}
