# METADATA
# title: Binding grants cluster-admin
# description: |
#   cluster-admin is unrestricted access to the whole cluster.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
# custom:
#   id: VCH-K8S-0027
#   severity: HIGH
#   remediation: "Bind a role scoped to what the subject does."
#   inputs: [kubernetes]
#   resource_types: ["ClusterRoleBinding", "RoleBinding"]
#   frameworks:
#     cis-kubernetes: ["5.1.1"]
package vouch.checks.kubernetes.cluster_admin_binding

import data.vouch.lib

deny contains lib.result_at(r, ["roleRef"], sprintf("%s binds cluster-admin to %v", [r.address, [s.name | some s in object.get(r.attributes, "subjects", [])]])) if {
	some ty in {"ClusterRoleBinding", "RoleBinding"}
	some r in input.types[ty]
	r.attributes.roleRef.name == "cluster-admin"
	not system_only(r)
}

system_only(r) if {
	subjects := object.get(r.attributes, "subjects", [])
	count(subjects) > 0
	every s in subjects {
		startswith(s.name, "system:")
	}
}
