# METADATA
# title: VPC subnetwork has no flow logs
# description: |
#   Flow logs record the traffic of a subnet for investigations and anomaly
#   detection.
# related_resources:
#   - https://cloud.google.com/vpc/docs/using-flow-logs
# custom:
#   id: VCH-GCP-0022
#   severity: LOW
#   remediation: "Add log_config { aggregation_interval = \"INTERVAL_5_SEC\" \u2026 }."
#   inputs: [terraform]
#   resource_types: ["google_compute_subnetwork"]
#   frameworks:
#     cis-gcp-foundations: ["3.8"]
package vouch.checks.gcp.subnet_flow_logs

import data.vouch.lib

deny contains lib.result(r, "subnetwork has no flow logs") if {
	some r in input.types["google_compute_subnetwork"]
	count(lib.blocks(r.attributes, "log_config")) == 0
	not object.get(r.attributes, "purpose", "PRIVATE") in {"INTERNAL_HTTPS_LOAD_BALANCER", "REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY"}
}
