# METADATA
# title: Container has no memory request
# description: |
#   Without a memory request the scheduler cannot place the pod sensibly and
#   it is the first to be evicted.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: VCH-K8S-0014
#   severity: LOW
#   remediation: "Set resources.requests.memory."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.memory_request

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["resources"]), sprintf("%s has no memory request", [k8s.label(c)])) if {
	some c in k8s.containers
	object.get(c.container, ["resources", "requests", "memory"], null) == null
}
