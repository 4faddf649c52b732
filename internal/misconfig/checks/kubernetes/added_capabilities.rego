# METADATA
# title: Container adds Linux capabilities
# description: |
#   Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give root-like
#   powers over the node or other containers. Only NET_BIND_SERVICE is
#   accepted.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0009
#   severity: HIGH
#   remediation: "Remove capabilities.add (keep NET_BIND_SERVICE if a port below 1024 is needed)."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.8", "5.2.9"]
package vouch.checks.kubernetes.added_capabilities

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext", "capabilities", "add"]), sprintf("%s adds capability %v", [k8s.label(c), cap])) if {
	some c in k8s.containers
	some cap in object.get(k8s.sc(c), ["capabilities", "add"], [])
	not upper(trim_prefix(cap, "CAP_")) == "NET_BIND_SERVICE"
}
