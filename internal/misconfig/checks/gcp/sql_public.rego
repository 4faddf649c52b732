# METADATA
# title: Cloud SQL instance accepts connections from any address
# description: |
#   An authorized network of 0.0.0.0/0 on a public IP lets anyone on the
#   internet try to log in to the database.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/authorize-networks
# custom:
#   id: VCH-GCP-0013
#   severity: HIGH
#   remediation: "Remove the 0.0.0.0/0 authorized network; use private IP or the Cloud SQL Auth Proxy."
#   inputs: [terraform]
#   resource_types: ["google_sql_database_instance"]
#   frameworks:
#     cis-gcp-foundations: ["6.5"]
package vouch.checks.gcp.sql_public

import data.vouch.lib

deny contains lib.result_at(r, ["settings", 0, "ip_configuration"], "authorized network 0.0.0.0/0") if {
	some r in input.types["google_sql_database_instance"]
	some s in lib.blocks(r.attributes, "settings")
	some ip in lib.blocks(s, "ip_configuration")
	some n in lib.blocks(ip, "authorized_networks")
	n.value in {"0.0.0.0/0", "::/0"}
}
