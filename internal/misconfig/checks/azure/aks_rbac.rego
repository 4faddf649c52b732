# METADATA
# title: AKS cluster does not use Kubernetes RBAC
# description: |
#   Without RBAC every authenticated user of the cluster has full access.
# related_resources:
#   - https://learn.microsoft.com/azure/aks/manage-azure-rbac
# custom:
#   id: VCH-AZU-0015
#   severity: HIGH
#   remediation: "Set role_based_access_control_enabled = true."
#   inputs: [terraform]
#   resource_types: ["azurerm_kubernetes_cluster"]
package vouch.checks.azure.aks_rbac

import data.vouch.lib

deny contains lib.result_at(r, ["role_based_access_control_enabled"], "RBAC is disabled") if {
	some r in input.types["azurerm_kubernetes_cluster"]
	lib.explicitly_false(r.attributes, "role_based_access_control_enabled")
}

deny contains lib.result_at(r, ["role_based_access_control"], "RBAC is disabled") if {
	some r in input.types["azurerm_kubernetes_cluster"]
	some b in lib.blocks(r.attributes, "role_based_access_control")
	lib.explicitly_false(b, "enabled")
}
