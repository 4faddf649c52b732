# METADATA
# title: Container does not drop all capabilities
# description: |
#   Containers start with a default set of capabilities (NET_RAW, CHOWN,
#   SETUID …) most never need.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: VCH-K8S-0010
#   severity: LOW
#   remediation: "Set securityContext.capabilities.drop: [\"ALL\"] and add back only what is needed."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.9"]
package vouch.checks.kubernetes.drop_all_capabilities

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s does not drop ALL capabilities", [k8s.label(c)])) if {
	some c in k8s.containers
	not "ALL" in {upper(x) | some x in object.get(k8s.sc(c), ["capabilities", "drop"], [])}
}
