# METADATA
# title: Container runs as UID 0
# description: |
#   runAsUser: 0 runs the container as root explicitly.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: VCH-K8S-0008
#   severity: HIGH
#   remediation: "Set runAsUser to a non-zero UID (10000 or above)."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.6"]
package vouch.checks.kubernetes.run_as_uid_zero

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s runs as UID 0", [k8s.label(c)])) if {
	some c in k8s.containers
	k8s.effective(c, "runAsUser") == 0
}
