# METADATA
# title: AKS API server accepts any address
# description: |
#   A public API server without authorized IP ranges is reachable from the
#   whole internet.
# related_resources:
#   - https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
# custom:
#   id: VCH-AZU-0017
#   severity: MEDIUM
#   remediation: "Set api_server_access_profile { authorized_ip_ranges = [...] }, or make the cluster private."
#   inputs: [terraform]
#   resource_types: ["azurerm_kubernetes_cluster"]
package vouch.checks.azure.aks_api_ranges

import data.vouch.lib

ranges(a) := lib.as_list(object.get(a, "api_server_authorized_ip_ranges", object.get(lib.block(a, "api_server_access_profile"), "authorized_ip_ranges", [])))

deny contains lib.result(r, "API server has no authorized IP ranges") if {
	some r in input.types["azurerm_kubernetes_cluster"]
	lib.not_true(r.attributes, "private_cluster_enabled")
	count(ranges(r.attributes)) == 0
}
