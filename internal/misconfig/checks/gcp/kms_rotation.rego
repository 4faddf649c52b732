# METADATA
# title: Cloud KMS key is not rotated every 90 days
# description: |
#   Keys without a rotation period (or with one longer than 90 days) keep
#   protecting data with one key material for years.
# related_resources:
#   - https://cloud.google.com/kms/docs/key-rotation
# custom:
#   id: VCH-GCP-0021
#   severity: HIGH
#   remediation: "Set rotation_period = \"7776000s\" or less."
#   inputs: [terraform]
#   resource_types: ["google_kms_crypto_key"]
#   frameworks:
#     cis-gcp-foundations: ["1.10"]
package vouch.checks.gcp.kms_rotation

import data.vouch.lib

seconds(s) := to_number(trim_suffix(s, "s"))

deny contains lib.result_at(r, ["rotation_period"], "key is not rotated every 90 days") if {
	some r in input.types["google_kms_crypto_key"]
	object.get(r.attributes, "purpose", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	long(object.get(r.attributes, "rotation_period", ""))
}

long("")

long(p) if {
	p != ""
	seconds(p) > 7776000
}
