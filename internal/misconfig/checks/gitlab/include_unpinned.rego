# METADATA
# title: Pipeline includes configuration that is not pinned
# description: |
#   include: remote fetches YAML from a URL at every run, and include:
#   project without ref follows the other project's default branch: whoever
#   changes either changes this pipeline.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/yaml/includes.html
# custom:
#   id: VCH-GLC-0006
#   severity: MEDIUM
#   remediation: "Include from a project with ref: set to a tag or commit SHA, or copy the file into the repository."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.include_unpinned

import data.vouch.lib
import data.vouch.lib.gitlab

entries contains {"e": e, "i": i} if {
	inc := gitlab.pipeline.attributes.include
	is_array(inc)
	some i, e in inc
}

entries contains {"e": inc, "i": -1} if {
	inc := gitlab.pipeline.attributes.include
	not is_array(inc)
}

path(i) := ["include", i] if {
	i >= 0
} else := ["include"]

deny contains lib.result_at(gitlab.pipeline, path(x.i), sprintf("remote include %v", [url])) if {
	some x in entries
	url := remote(x.e)
}

remote(e) := e if {
	is_string(e)
	regex.match(`^https?://`, e)
} else := e.remote if {
	is_object(e)
	is_string(e.remote)
}

deny contains lib.result_at(gitlab.pipeline, path(x.i), sprintf("include of project %v without a pinned ref", [x.e.project])) if {
	some x in entries
	is_object(x.e)
	x.e.project
	not pinned(object.get(x.e, "ref", ""))
}

pinned(ref) if regex.match(`^[0-9a-f]{40}$`, ref)

pinned(ref) if regex.match(`^v?[0-9]+(\.[0-9]+)+`, ref)
