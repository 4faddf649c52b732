# METADATA
# title: Container has no memory limit
# description: |
#   Without a memory limit one container can starve its neighbours on the
#   node, or be used to exhaust it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: VCH-K8S-0012
#   severity: LOW
#   remediation: "Set resources.limits.memory."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.memory_limit

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["resources"]), sprintf("%s has no memory limit", [k8s.label(c)])) if {
	some c in k8s.containers
	object.get(c.container, ["resources", "limits", "memory"], null) == null
}
