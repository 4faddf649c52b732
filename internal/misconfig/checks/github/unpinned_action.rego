# METADATA
# title: Third-party action is not pinned to a commit SHA
# description: |
#   A tag or branch (uses: owner/action@v4) can be moved to new code by
#   whoever controls the action's repository, as happened with tj-
#   actions/changed-files. Only a full commit SHA names fixed code. Actions
#   owned by GitHub (actions/*, github/*) and local actions are not flagged.
# related_resources:
#   - https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
# custom:
#   id: VCH-GHA-0003
#   severity: MEDIUM
#   remediation: "Pin to the full 40-character commit SHA and keep the version in a comment: uses: owner/action@<sha> # v4.1.0."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.unpinned_action

import data.vouch.lib
import data.vouch.lib.gha

sha(ref) if regex.match(`^[0-9a-f]{40}$`, ref)

first_party(owner) if lower(owner) in {"actions", "github"}

uses contains {"resource": s.resource, "path": array.concat(s.path, ["uses"]), "address": s.address, "uses": s.step.uses} if {
	some s in gha.steps
	is_string(s.step.uses)
}

uses contains {"resource": j.resource, "path": array.concat(j.path, ["uses"]), "address": sprintf("jobs.%s", [j.id]), "uses": j.job.uses} if {
	some j in gha.jobs
	is_string(j.job.uses)
}

deny contains lib.result_named(u.resource, u.path, u.address, sprintf("%s is not pinned to a commit SHA", [u.uses])) if {
	some u in uses
	not startswith(u.uses, "./")
	not startswith(u.uses, "docker://")
	parts := split(u.uses, "@")
	count(parts) == 2
	not first_party(split(parts[0], "/")[0])
	not sha(parts[1])
}

deny contains lib.result_named(u.resource, u.path, u.address, sprintf("%s is not pinned by digest", [u.uses])) if {
	some u in uses
	startswith(u.uses, "docker://")
	not contains(u.uses, "@sha256:")
}
