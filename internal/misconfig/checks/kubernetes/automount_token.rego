# METADATA
# title: Pod automounts its service account token
# description: |
#   Every pod gets an API token of its service account unless told
#   otherwise; a compromised pod can then talk to the Kubernetes API.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: VCH-K8S-0016
#   severity: MEDIUM
#   remediation: "Set automountServiceAccountToken: false on the pod spec (or the ServiceAccount) unless the pod calls the API."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.1.6"]
package vouch.checks.kubernetes.automount_token

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(p.resource, p.path, sprintf("%s automounts a service account token", [p.resource.address])) if {
	some p in k8s.pods
	not lib.explicitly_false(p.spec, "automountServiceAccountToken")
	not sa_opts_out(object.get(p.spec, "serviceAccountName", "default"))
}

sa_opts_out(name) if {
	some r in input.types["ServiceAccount"]
	r.name == name
	lib.explicitly_false(r.attributes, "automountServiceAccountToken")
}
