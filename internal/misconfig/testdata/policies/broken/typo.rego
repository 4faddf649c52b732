# METADATA
# title: Broken
# custom:
#   id: ACME-0100
#   severity: HIGH
#   remediation: none
#   inputs: [terraform]
package acme.broken

deny contains msg if {
	some r in input.resources
	msg := sprintf("%s", [r.address]
}
