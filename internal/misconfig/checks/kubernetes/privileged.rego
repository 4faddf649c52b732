# METADATA
# title: Container runs privileged
# description: |
#   A privileged container has every capability and every host device: root
#   in it is root on the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0001
#   severity: CRITICAL
#   remediation: "Remove securityContext.privileged (or set it to false); add only the capabilities the container needs."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.2"]
package vouch.checks.kubernetes.privileged

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext", "privileged"]), sprintf("%s is privileged", [k8s.label(c)])) if {
	some c in k8s.containers
	lib.is_true(k8s.sc(c).privileged)
}
