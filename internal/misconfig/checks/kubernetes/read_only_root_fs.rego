# METADATA
# title: Container root filesystem is writable
# description: |
#   A writable root filesystem lets an attacker drop and run tools inside
#   the container.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: VCH-K8S-0018
#   severity: LOW
#   remediation: "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir where the app must write."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.read_only_root_fs

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s has a writable root filesystem", [k8s.label(c)])) if {
	some c in k8s.containers
	lib.not_true(k8s.sc(c), "readOnlyRootFilesystem")
}
