# METADATA
# title: Workload is in the default namespace
# description: |
#   Workloads in the default namespace share it with everything else
#   deployed without thought; namespaces are where RBAC, quotas and network
#   policies apply.
# related_resources:
#   - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   id: VCH-K8S-0023
#   severity: LOW
#   remediation: "Set metadata.namespace to a namespace of the application."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.7.4"]
package vouch.checks.kubernetes.default_namespace

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(r, ["metadata"], sprintf("%s is in the default namespace", [r.address])) if {
	some ty in k8s.workload_kinds
	some r in input.types[ty]
	object.get(r.attributes, ["metadata", "namespace"], "default") == "default"
}
