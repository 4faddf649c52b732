# METADATA
# title: Container runs without seccomp or AppArmor confinement
# description: |
#   Setting seccomp or AppArmor to Unconfined removes the runtime's default
#   system call and file restrictions.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0020
#   severity: HIGH
#   remediation: "Use RuntimeDefault (or a Localhost profile) instead of Unconfined."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.unconfined_profile

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext"]), sprintf("%s: %s profile is Unconfined", [k8s.label(c), kind])) if {
	some c in k8s.containers
	some kind in ["seccompProfile", "appArmorProfile"]
	prof := object.get(k8s.sc(c), kind, object.get(k8s.pod_sc(c), kind, {}))
	object.get(prof, "type", "") == "Unconfined"
}

deny contains lib.result_at(c.resource, ["metadata", "annotations"], sprintf("%s: AppArmor is unconfined", [k8s.label(c)])) if {
	some c in k8s.containers
	some k, v in c.resource.annotations
	startswith(k, "container.apparmor.security.beta.kubernetes.io/")
	v == "unconfined"
}
