# METADATA
# title: AKS cluster has no network policy
# description: |
#   Without a network policy engine every pod can reach every other pod.
# related_resources:
#   - https://learn.microsoft.com/azure/aks/use-network-policies
# custom:
#   id: VCH-AZU-0016
#   severity: MEDIUM
#   remediation: "Set network_profile { network_policy = \"azure\" } (or \"calico\", \"cilium\")."
#   inputs: [terraform]
#   resource_types: ["azurerm_kubernetes_cluster"]
package vouch.checks.azure.aks_network_policy

import data.vouch.lib

deny contains lib.result_at(r, ["network_profile"], "no network policy") if {
	some r in input.types["azurerm_kubernetes_cluster"]
	not lib.block(r.attributes, "network_profile").network_policy
}
