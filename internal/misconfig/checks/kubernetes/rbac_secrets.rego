# METADATA
# title: Role can read secrets
# description: |
#   get, list or watch on secrets reveals every credential stored in the
#   namespace (or cluster).
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
# custom:
#   id: VCH-K8S-0025
#   severity: MEDIUM
#   remediation: "Grant access to the named secrets the subject needs (resourceNames), or none."
#   inputs: [kubernetes]
#   resource_types: ["Role", "ClusterRole"]
#   frameworks:
#     cis-kubernetes: ["5.1.2"]
package vouch.checks.kubernetes.rbac_secrets

import data.vouch.lib

deny contains lib.result_at(r, ["rules", i], sprintf("%s can %v secrets", [r.address, verbs])) if {
	some ty in {"Role", "ClusterRole"}
	some r in input.types[ty]
	some i, rule in object.get(r.attributes, "rules", [])
	some res in object.get(rule, "resources", [])
	res in {"secrets", "*"}
	count(object.get(rule, "resourceNames", [])) == 0
	verbs := {v | some v in rule.verbs; v in {"get", "list", "watch", "*"}}
	count(verbs) > 0
}
