# METADATA
# title: Container has no CPU request
# description: |
#   Without a cpu request the scheduler cannot place the pod sensibly and it
#   is the first to be evicted.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: VCH-K8S-0013
#   severity: LOW
#   remediation: "Set resources.requests.cpu."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.cpu_request

import data.vouch.lib
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["resources"]), sprintf("%s has no cpu request", [k8s.label(c)])) if {
	some c in k8s.containers
	object.get(c.container, ["resources", "requests", "cpu"], null) == null
}
