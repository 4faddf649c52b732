# METADATA
# title: Pod mounts the container runtime socket
# description: |
#   The Docker or containerd socket lets the pod start privileged containers
#   on the node: full control of it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: VCH-K8S-0021
#   severity: CRITICAL
#   remediation: "Do not mount runtime sockets; use a build service (kaniko, buildkit rootless) instead."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.runtime_socket

import data.vouch.lib
import data.vouch.lib.k8s

sockets := {"/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/var/run", "/run"}

deny contains lib.result_at(p.resource, array.concat(p.path, ["volumes", i]), sprintf("volume %v mounts %v", [v.name, v.hostPath.path])) if {
	some p in k8s.pods
	some i, v in object.get(p.spec, "volumes", [])
	trim_suffix(v.hostPath.path, "/") in sockets
}
