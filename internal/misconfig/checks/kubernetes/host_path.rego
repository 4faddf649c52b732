# METADATA
# title: Pod mounts a host path
# description: |
#   A hostPath volume gives the pod the node's files; writable, it is a path
#   to the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: VCH-K8S-0003
#   severity: MEDIUM
#   remediation: "Use persistent volumes, emptyDir, configMaps or secrets instead of hostPath."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.2.12"]
package vouch.checks.kubernetes.host_path

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(p.resource, array.concat(p.path, ["volumes", i]), sprintf("volume %v mounts host path %v", [v.name, v.hostPath.path])) if {
	some p in k8s.pods
	some i, v in object.get(p.spec, "volumes", [])
	v.hostPath
}
