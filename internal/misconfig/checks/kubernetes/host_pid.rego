# METADATA
# title: Pod shares the host process namespace
# description: |
#   The pod sees, and with enough privilege can signal or trace, every
#   process on the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0005
#   severity: HIGH
#   remediation: "Remove hostPID: true from the pod spec."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.2"]
package vouch.checks.kubernetes.host_pid

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(p.resource, array.concat(p.path, ["hostPID"]), sprintf("%s uses hostPID", [p.resource.address])) if {
	some p in k8s.pods
	lib.is_true(p.spec.hostPID)
}
