# METADATA
# title: Network interface has a public IP address
# description: |
#   A public IP on a VM's interface makes it reachable from the internet as
#   far as its NSG allows.
# related_resources:
#   - https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses
# custom:
#   id: VCH-AZU-0007
#   severity: MEDIUM
#   remediation: "Remove public_ip_address_id; reach VMs through a load balancer, Bastion or a VPN."
#   inputs: [terraform]
#   resource_types: ["azurerm_network_interface"]
package vouch.checks.azure.vm_public_ip

import data.vouch.lib

deny contains lib.result_at(r, ["ip_configuration", i, "public_ip_address_id"], "interface has a public IP address") if {
	some r in input.types["azurerm_network_interface"]
	some i, c in lib.blocks(r.attributes, "ip_configuration")
	c.public_ip_address_id
}
