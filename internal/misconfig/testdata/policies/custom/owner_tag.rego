# METADATA
# title: Bucket has no owner tag
# description: Every bucket must say which team owns it.
# related_resources:
#   - https://wiki.example.com/tagging
# custom:
#   id: ACME-0001
#   severity: LOW
#   remediation: Add tags = { owner = "team-name" }.
#   inputs: [terraform]
#   resource_types: [aws_s3_bucket]
package acme.owner_tag

import data.vouch.lib

deny contains lib.result(r, "bucket has no owner tag") if {
	some r in input.resources
	r.type == "aws_s3_bucket"
	not r.attributes.tags.owner
}
