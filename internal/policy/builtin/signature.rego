# METADATA
# title: The artifact is signed
# description: |
#   Denies an artifact that carries no signature by a trusted key (a
#   signature of the artifact itself, not an attestation about it).
#   Settings: require_signature turns it on.
package vouch.gate.signature

import data.vouch.lib.gate

deny contains gate.violation(msg, "CRITICAL", [e.id | some e in rejected]) if {
	input.settings.require_signature == true
	not input.artifact.signed == true
	msg := concat("", [sprintf("artifact %s is not signed by a trusted key", [artifact]), note])
}

artifact := sprintf("%s@%s", [input.artifact.name, input.artifact.digest]) if {
	object.get(input.artifact, "name", "") != ""
} else := input.artifact.digest

# rejected are the signatures that were given but did not verify.
rejected := [e |
	some e in input.evidence
	e.kind == "signature"
	object.get(e, "rejected", "") != ""
]

note := sprintf(" (%s)", [concat("; ", [sprintf("signature %s rejected: %s", [e.id, e.rejected]) | some e in rejected])]) if {
	count(rejected) > 0
} else := ""
