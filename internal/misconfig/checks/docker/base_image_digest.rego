# METADATA
# title: Base image is not pinned by digest
# description: |
#   A tag can be moved to different content; only a digest names exactly
#   what was built on.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
# custom:
#   id: VCH-DKR-0007
#   severity: LOW
#   remediation: "Add the digest: FROM alpine:3.20@sha256:\u2026, and let a bot (Renovate, Dependabot) update it."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.base_image_digest

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(s, ["from"], sprintf("base image %q has no digest", [s.attributes.from.ref])) if {
	some s in docker.stages
	docker.base_image(s)
	s.attributes.from.digest == ""
	not contains(s.attributes.from.ref, "$")
}
