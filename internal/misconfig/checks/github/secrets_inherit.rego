# METADATA
# title: Reusable workflow call inherits every secret
# description: |
#   secrets: inherit hands all of the caller's secrets to the called
#   workflow, which needs few.
# related_resources:
#   - https://docs.github.com/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow
# custom:
#   id: VCH-GHA-0014
#   severity: LOW
#   remediation: "Pass the secrets the called workflow needs by name."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.secrets_inherit

import data.vouch.lib
import data.vouch.lib.gha

deny contains lib.result_named(j.resource, array.concat(j.path, ["secrets"]), sprintf("jobs.%s", [j.id]), sprintf("job %s passes every secret to %v", [j.id, j.job.uses])) if {
	some j in gha.jobs
	j.job.secrets == "inherit"
}
