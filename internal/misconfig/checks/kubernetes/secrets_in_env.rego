# METADATA
# title: Container has a credential in a literal environment variable
# description: |
#   A password or token written as an env value is in the manifest, in
#   version control and in the pod spec anyone with read access can see.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
# custom:
#   id: VCH-K8S-0017
#   severity: HIGH
#   remediation: "Reference a Secret with valueFrom.secretKeyRef (or mount it as a file)."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
#   frameworks:
#     cis-kubernetes: ["5.4.1"]
package vouch.checks.kubernetes.secrets_in_env

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.k8s

deny contains lib.result_at(c.resource, k8s.at(c, ["env", i]), sprintf("%s: env %s holds a literal credential", [k8s.label(c), e.name])) if {
	some c in k8s.containers
	some i, e in object.get(c.container, "env", [])
	leaked(e)
}

leaked(e) if {
	text.secret_name(e.name)
	text.literal(e.value)
}

leaked(e) if {
	is_string(e.value)
	text.aws_key(e.value)
}
