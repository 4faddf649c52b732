# METADATA
# title: Cloud SQL instance accepts unencrypted connections
# description: |
#   Without requiring SSL, clients can connect, and send credentials and
#   data, in the clear.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/configure-ssl-instance
# custom:
#   id: VCH-GCP-0014
#   severity: HIGH
#   remediation: "Set ip_configuration { ssl_mode = \"ENCRYPTED_ONLY\" } (or require_ssl = true on older providers)."
#   inputs: [terraform]
#   resource_types: ["google_sql_database_instance"]
#   frameworks:
#     cis-gcp-foundations: ["6.7"]
package vouch.checks.gcp.sql_require_ssl

import data.vouch.lib

deny contains lib.result_at(r, ["settings", 0, "ip_configuration"], "connections without SSL are accepted") if {
	some r in input.types["google_sql_database_instance"]
	some s in lib.blocks(r.attributes, "settings")
	ip := lib.block(s, "ip_configuration")
	lib.not_true(ip, "require_ssl")
	not object.get(ip, "ssl_mode", "") in {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}
}
