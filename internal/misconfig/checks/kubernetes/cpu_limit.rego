# METADATA
# title: Container has no CPU limit
# description: |
#   Without a cpu limit one container can starve its neighbours on the node,
#   or be used to exhaust it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: VCH-K8S-0011
#   severity: LOW
#   remediation: "Set resources.limits.cpu."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.cpu_limit

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["resources"]), sprintf("%s has no cpu limit", [k8s.label(c)])) if {
	some c in k8s.containers
	object.get(c.container, ["resources", "limits", "cpu"], null) == null
}
