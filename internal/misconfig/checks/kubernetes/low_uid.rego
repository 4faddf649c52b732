# METADATA
# title: Container runs with a low UID
# description: |
#   UIDs below 10000 may collide with users on the node, which matters after
#   an escape.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: VCH-K8S-0029
#   severity: LOW
#   remediation: "Set runAsUser to 10000 or above."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.low_uid

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s runs as UID %v", [k8s.label(c), uid])) if {
	some c in k8s.containers
	uid := k8s.effective(c, "runAsUser")
	is_number(uid)
	uid > 0
	uid < 10000
}
