# METADATA
# title: Workflow re-enables deprecated set-env commands
# description: |
#   ACTIONS_ALLOW_UNSECURE_COMMANDS brings back ::set-env and ::add-path,
#   which let anything printed to the log (an issue title, a test's output)
#   change the environment of later steps.
# related_resources:
#   - https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/
# custom:
#   id: VCH-GHA-0013
#   severity: HIGH
#   remediation: "Remove ACTIONS_ALLOW_UNSECURE_COMMANDS and write to $GITHUB_ENV / $GITHUB_PATH instead."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.unsecure_commands

import data.vouch.lib
import data.vouch.lib.gha

deny contains lib.result_named(e.resource, array.concat(e.path, ["ACTIONS_ALLOW_UNSECURE_COMMANDS"]), e.address, "ACTIONS_ALLOW_UNSECURE_COMMANDS is enabled") if {
	some e in gha.env_maps
	lib.is_true(e.env.ACTIONS_ALLOW_UNSECURE_COMMANDS)
}
