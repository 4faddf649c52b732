# METADATA
# title: Linux VM allows password authentication
# description: |
#   Password logins over SSH can be brute-forced; keys cannot.
# related_resources:
#   - https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed
# custom:
#   id: VCH-AZU-0009
#   severity: HIGH
#   remediation: "Set disable_password_authentication = true and provide admin_ssh_key."
#   inputs: [terraform]
#   resource_types: ["azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set", "azurerm_virtual_machine"]
package vouch.checks.azure.vm_password_auth

import data.vouch.lib

deny contains lib.result_at(r, ["disable_password_authentication"], "password authentication is allowed") if {
	some ty in {"azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set"}
	some r in input.types[ty]
	lib.explicitly_false(r.attributes, "disable_password_authentication")
}

deny contains lib.result_at(r, ["os_profile_linux_config"], "password authentication is allowed") if {
	some r in input.types["azurerm_virtual_machine"]
	some c in lib.blocks(r.attributes, "os_profile_linux_config")
	lib.explicitly_false(c, "disable_password_authentication")
}
