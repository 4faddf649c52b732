# METADATA
# title: Job image is untagged or latest
# description: |
#   The job runs in whatever the tag points to that day.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/yaml/#image
# custom:
#   id: VCH-GLC-0005
#   severity: LOW
#   remediation: "Pin images to a version, and better a digest: image: node:20.11.1@sha256:\u2026."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.image_unpinned

import data.vouch.lib
import data.vouch.lib.gitlab

name(img) := img if {
	is_string(img)
} else := img.name if {
	is_object(img)
}

mutable(img) if {
	not contains(img, "@")
	not contains(img, "$")
	parts := split(img, "/")
	last := parts[count(parts) - 1]
	tag := trim_prefix(last, split(last, ":")[0])
	tag in {"", ":latest"}
}

images contains {"path": ["image"], "address": "image", "image": name(gitlab.pipeline.attributes.image)}

images contains {"path": ["default", "image"], "address": "default.image", "image": name(gitlab.pipeline.attributes["default"].image)}

images contains {"path": array.concat(j.path, ["image"]), "address": sprintf("jobs.%s", [j.name]), "image": name(j.job.image)}  if {
	some j in gitlab.jobs
}

deny contains lib.result_named(gitlab.pipeline, i.path, i.address, sprintf("image %q is not pinned", [i.image])) if {
	some i in images
	mutable(i.image)
}
