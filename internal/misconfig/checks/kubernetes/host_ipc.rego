# METADATA
# title: Pod shares the host IPC namespace
# description: |
#   The pod can read and write the node's shared memory.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0006
#   severity: HIGH
#   remediation: "Remove hostIPC: true from the pod spec."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.3"]
package vouch.checks.kubernetes.host_ipc

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(p.resource, array.concat(p.path, ["hostIPC"]), sprintf("%s uses hostIPC", [p.resource.address])) if {
	some p in k8s.pods
	lib.is_true(p.spec.hostIPC)
}
