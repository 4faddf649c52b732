# METADATA
# title: Missing remediation
# custom:
#   id: ACME-0200
#   severity: SEVERE
#   inputs: [terraform]
package acme.badmeta

deny contains "x" if false
