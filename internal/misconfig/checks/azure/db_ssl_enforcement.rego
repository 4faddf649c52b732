# METADATA
# title: Database server does not enforce SSL
# description: |
#   Clients may connect, and send credentials, without encryption.
# related_resources:
#   - https://learn.microsoft.com/azure/postgresql/single-server/concepts-ssl-connection-security
# custom:
#   id: VCH-AZU-0020
#   severity: MEDIUM
#   remediation: "Set ssl_enforcement_enabled = true and ssl_minimal_tls_version_enforced = \"TLS1_2\"."
#   inputs: [terraform]
#   resource_types: ["azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server"]
#   frameworks:
#     cis-azure-foundations: ["4.3.1", "4.4.1"]
package vouch.checks.azure.db_ssl_enforcement

import data.vouch.lib

deny contains lib.result_at(r, [k], "SSL is not enforced") if {
	some ty in {"azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server"}
	some r in input.types[ty]
	some k in ["ssl_enforcement_enabled", "ssl_enforcement"]
	lib.has(r.attributes, k)
	not enforced(r.attributes[k])
}

enforced(v) if lib.is_true(v)

enforced("Enabled")
