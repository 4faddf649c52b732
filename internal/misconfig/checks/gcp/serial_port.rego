# METADATA
# title: Serial port access is enabled
# description: |
#   The interactive serial console accepts connections from any address and
#   is not restricted by firewall rules.
# related_resources:
#   - https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console
# custom:
#   id: VCH-GCP-0010
#   severity: MEDIUM
#   remediation: "Remove serial-port-enable from the metadata, or set it to false."
#   inputs: [terraform]
#   resource_types: ["google_compute_instance", "google_compute_instance_template"]
#   frameworks:
#     cis-gcp-foundations: ["4.5"]
package vouch.checks.gcp.serial_port

import data.vouch.lib

deny contains lib.result_at(r, ["metadata"], "serial-port-enable is true") if {
	some ty in {"google_compute_instance", "google_compute_instance_template"}
	some r in input.types[ty]
	lib.is_true(r.attributes.metadata["serial-port-enable"])
}
