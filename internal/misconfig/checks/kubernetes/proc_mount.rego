# METADATA
# title: Container unmasks /proc
# description: |
#   procMount: Unmasked exposes kernel interfaces under /proc that the
#   runtime normally hides.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: VCH-K8S-0028
#   severity: HIGH
#   remediation: "Remove procMount or set it to Default."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.proc_mount

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["securityContext", "procMount"]), sprintf("%s unmasks /proc", [k8s.label(c)])) if {
	some c in k8s.containers
	k8s.sc(c).procMount == "Unmasked"
}
