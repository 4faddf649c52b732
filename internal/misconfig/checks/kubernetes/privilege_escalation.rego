# METADATA
# title: Container allows privilege escalation
# description: |
#   Unless allowPrivilegeEscalation is false, a process can gain more
#   privileges than its parent (setuid binaries, file capabilities).
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: VCH-K8S-0002
#   severity: MEDIUM
#   remediation: "Set securityContext.allowPrivilegeEscalation: false."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.5"]
package vouch.checks.kubernetes.privilege_escalation

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s does not set allowPrivilegeEscalation: false", [k8s.label(c)])) if {
	some c in k8s.containers
	not lib.explicitly_false(k8s.sc(c), "allowPrivilegeEscalation")
}
