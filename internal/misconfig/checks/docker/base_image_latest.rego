# METADATA
# title: Base image is untagged or latest
# description: |
#   FROM image or image:latest builds on whatever the tag points to that
#   day.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#from
# custom:
#   id: VCH-DKR-0006
#   severity: MEDIUM
#   remediation: "Pin the base image to a version tag and a digest: FROM alpine:3.20@sha256:\u2026."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.base_image_latest

import data.vouch.lib
import data.vouch.lib.docker

deny contains lib.result_at(s, ["from"], sprintf("base image %q is not pinned to a version", [s.attributes.from.ref])) if {
	some s in docker.stages
	docker.base_image(s)
	s.attributes.from.digest == ""
	s.attributes.from.tag in {"", "latest"}
}
