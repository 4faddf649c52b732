# METADATA
# title: Container image is untagged or uses latest
# description: |
#   An image without a tag, or tagged latest, changes under the same name:
#   what runs is not what was reviewed, and a rollback may not roll anything
#   back.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: VCH-K8S-0015
#   severity: MEDIUM
#   remediation: "Pin images to a version tag and, better, a digest (image: repo/app:1.4.2@sha256:\u2026)."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.image_tag

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["image"]), sprintf("%s uses image %q", [k8s.label(c), img])) if {
	some c in k8s.containers
	img := object.get(c.container, "image", "")
	mutable(img)
}

mutable(img) if {
	not contains(img, "@")
	tag(img) in {"", "latest"}
}

tag(img) := t if {
	parts := split(img, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
} else := ""
