# METADATA
# title: Pod shares the host network
# description: |
#   The pod sees every interface of the node and can reach services bound to
#   localhost there.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0004
#   severity: HIGH
#   remediation: "Remove hostNetwork: true from the pod spec."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.4"]
package vouch.checks.kubernetes.host_network

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(p.resource, array.concat(p.path, ["hostNetwork"]), sprintf("%s uses hostNetwork", [p.resource.address])) if {
	some p in k8s.pods
	lib.is_true(p.spec.hostNetwork)
}
