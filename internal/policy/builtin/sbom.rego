# METADATA
# title: An SBOM comes with the artifact
# description: |
#   Denies an artifact that comes without a software bill of materials.
#   Settings: sbom.required turns it on; require_signed_evidence (only a
#   signed SBOM counts).
package vouch.gate.sbom

import data.vouch.lib.gate

unsigned := [{"evidence": s.evidence} | some s in input.sboms; not gate.usable(s)]

deny contains gate.violation(msg, "HIGH", gate.ids(unsigned)) if {
	input.settings.sbom.required == true
	not any_usable
	what := {true: "signed SBOM", false: "SBOM"}[gate.signed_only]
	msg := sprintf("no %s for the artifact%s", [what, gate.unsigned_note(unsigned)])
}

any_usable if {
	some s in input.sboms
	gate.usable(s)
}
