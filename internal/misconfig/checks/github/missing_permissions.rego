# METADATA
# title: Workflow does not limit GITHUB_TOKEN permissions
# description: |
#   Without a permissions block the job's GITHUB_TOKEN gets the repository
#   default, which is often write access to contents, packages and more.
# related_resources:
#   - https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
# custom:
#   id: VCH-GHA-0004
#   severity: MEDIUM
#   remediation: "Add permissions: {contents: read} at the top of the workflow and grant more per job where needed."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.missing_permissions

import data.vouch.lib
import data.vouch.lib.gha

deny contains lib.result_named(j.resource, j.path, sprintf("jobs.%s", [j.id]), sprintf("job %s has no permissions and the workflow sets none", [j.id])) if {
	w := gha.workflow
	not lib.has(w.attributes, "permissions")
	some j in gha.jobs
	not lib.has(j.job, "permissions")
	not j.job.uses
}
