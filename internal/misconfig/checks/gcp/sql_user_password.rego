# METADATA
# title: Cloud SQL user password is written in the configuration
# description: |
#   A literal database password is in version control, the plan and the
#   state file.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/iam-authentication
# custom:
#   id: VCH-GCP-0024
#   severity: HIGH
#   remediation: "Generate it (random_password) or read it from Secret Manager; prefer IAM database authentication."
#   inputs: [terraform]
#   resource_types: ["google_sql_user", "google_sql_database_instance"]
package vouch.checks.gcp.sql_user_password

import data.vouch.lib
import data.vouch.lib.text

deny contains lib.result_at(r, ["password"], "password is a literal value") if {
	some r in input.types.google_sql_user
	text.literal(r.attributes.password)
}

deny contains lib.result_at(r, ["root_password"], "root_password is a literal value") if {
	some r in input.types.google_sql_database_instance
	text.literal(r.attributes.root_password)
}
