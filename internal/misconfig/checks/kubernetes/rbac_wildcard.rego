# METADATA
# title: Role grants wildcard verbs or resources
# description: |
#   A rule with "*" in verbs, resources or apiGroups grants everything,
#   including what the API adds later.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: VCH-K8S-0024
#   severity: HIGH
#   remediation: "List the verbs, resources and API groups the subject needs."
#   inputs: [kubernetes]
#   resource_types: ["Role", "ClusterRole"]
#   frameworks:
#     cis-kubernetes: ["5.1.3"]
package vouch.checks.kubernetes.rbac_wildcard

import data.vouch.lib

deny contains lib.result_at(r, ["rules", i], sprintf("%s: rule grants %v on %v", [r.address, rule.verbs, object.get(rule, "resources", [])])) if {
	some ty in {"Role", "ClusterRole"}
	some r in input.types[ty]
	some i, rule in object.get(r.attributes, "rules", [])
	some k in ["verbs", "resources"]
	"*" in object.get(rule, k, [])
}
