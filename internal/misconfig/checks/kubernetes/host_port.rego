# METADATA
# title: Container binds a host port
# description: |
#   hostPort exposes the container on the node's address, outside of
#   Services and network policies.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0022
#   severity: MEDIUM
#   remediation: "Remove hostPort; expose the container through a Service."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.host_port

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["ports", i]), sprintf("%s binds host port %v", [k8s.label(c), port.hostPort])) if {
	some c in k8s.containers
	some i, port in object.get(c.container, "ports", [])
	port.hostPort > 0
}
