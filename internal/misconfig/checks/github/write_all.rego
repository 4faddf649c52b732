# METADATA
# title: Workflow grants write-all permissions
# description: |
#   permissions: write-all gives the GITHUB_TOKEN write access to
#   everything: code, releases, packages, workflows.
# related_resources:
#   - https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#permissions
# custom:
#   id: VCH-GHA-0005
#   severity: HIGH
#   remediation: "List the scopes the job needs: permissions: {contents: read, packages: write}."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.write_all

import data.vouch.lib
import data.vouch.lib.gha

deny contains lib.result_at(w, ["permissions"], "workflow grants write-all") if {
	w := gha.workflow
	w.attributes.permissions == "write-all"
}

deny contains lib.result_named(j.resource, array.concat(j.path, ["permissions"]), sprintf("jobs.%s", [j.id]), sprintf("job %s grants write-all", [j.id])) if {
	some j in gha.jobs
	j.job.permissions == "write-all"
}
