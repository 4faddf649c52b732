# METADATA
# title: Redshift cluster is publicly accessible
# description: |
#   A publicly accessible cluster gets a public endpoint.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
# custom:
#   id: VCH-AWS-0062
#   severity: HIGH
#   remediation: "Set publicly_accessible = false."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_redshift_cluster", "AWS::Redshift::Cluster"]
package vouch.checks.aws.redshift_public

import data.vouch.lib

deny contains lib.result_at(r, ["publicly_accessible"], "cluster is publicly accessible") if {
	some ty in {"aws_redshift_cluster"}
	some r in input.types[ty]
	lib.is_true(r.attributes["publicly_accessible"])
}

deny contains lib.result_at(r, ["PubliclyAccessible"], "cluster is publicly accessible") if {
	some ty in {"AWS::Redshift::Cluster"}
	some r in input.types[ty]
	lib.is_true(r.attributes["PubliclyAccessible"])
}
