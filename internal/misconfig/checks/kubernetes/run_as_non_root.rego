# METADATA
# title: Container may run as root
# description: |
#   Unless runAsNonRoot is true (on the container or the pod), the container
#   runs as whatever user its image names, often root.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: VCH-K8S-0007
#   severity: MEDIUM
#   remediation: "Set securityContext.runAsNonRoot: true and a non-zero runAsUser."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.6"]
package vouch.checks.kubernetes.run_as_non_root

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s does not set runAsNonRoot: true", [k8s.label(c)])) if {
	some c in k8s.containers
	not lib.is_true(k8s.effective(c, "runAsNonRoot"))
	not non_root_uid(k8s.effective(c, "runAsUser"))
}

non_root_uid(u) if {
	is_number(u)
	u > 0
}
