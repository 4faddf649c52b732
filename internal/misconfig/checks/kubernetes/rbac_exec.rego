# METADATA
# title: Role can exec into pods
# description: |
#   create on pods/exec or pods/attach gives a shell in any pod the role
#   covers, and with it the pod's service account and secrets.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: VCH-K8S-0026
#   severity: HIGH
#   remediation: "Remove pods/exec and pods/attach from the role; use a break-glass procedure for debugging."
#   inputs: [kubernetes]
#   resource_types: ["Role", "ClusterRole"]
package vouch.checks.kubernetes.rbac_exec

import data.vouch.lib

deny contains lib.result_at(r, ["rules", i], sprintf("%s can %s", [r.address, res])) if {
	some ty in {"Role", "ClusterRole"}
	some r in input.types[ty]
	some i, rule in object.get(r.attributes, "rules", [])
	some res in object.get(rule, "resources", [])
	res in {"pods/exec", "pods/attach"}
	some v in rule.verbs
	v in {"create", "*"}
}
