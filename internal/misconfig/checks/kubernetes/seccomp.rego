# METADATA
# title: Container has no seccomp profile
# description: |
#   Without RuntimeDefault (or a Localhost profile) every system call is
#   open to the container.
# related_resources:
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
# custom:
#   id: VCH-K8S-0019
#   severity: LOW
#   remediation: "Set securityContext.seccompProfile.type: RuntimeDefault on the pod or container."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.7.2"]
package vouch.checks.kubernetes.seccomp

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s has no seccomp profile", [k8s.label(c)])) if {
	some c in k8s.containers
	prof := object.get(k8s.sc(c), "seccompProfile", object.get(k8s.pod_sc(c), "seccompProfile", {}))
	not object.get(prof, "type", "") in {"RuntimeDefault", "Localhost"}
	not annotated(c)
}

annotated(c) if {
	some k, v in c.resource.annotations
	startswith(k, "seccomp.security.alpha.kubernetes.io/")
	v in {"runtime/default", "docker/default"}
}
