# METADATA
# title: Required scans are present and fresh
# description: |
#   Denies when a required kind of scan (vuln, secret, misconfig) is
#   missing, or when the newest scan of that kind is older than allowed.
#   Settings: scans.required (the kinds); scans.max_age_seconds (0 is no
#   limit; in vouch.yaml scans.max_age, "24h"); require_signed_evidence
#   (only signed scans count).
package vouch.gate.scans

import data.vouch.lib.gate

settings := object.get(input.settings, "scans", {})

max_age := object.get(settings, "max_age_seconds", 0)

# of[kind] are the usable scans that ran the scanner kind (their
# evidence ids and ages).
of[kind] contains {"evidence": s.evidence, "ageSeconds": s.ageSeconds, "dated": object.get(s, "createdAt", "") != ""} if {
	some kind in object.get(settings, "required", [])
	some s in input.scans
	kind in s.scanners
	gate.usable(s)
}

deny contains gate.violation(msg, "HIGH", gate.ids(unsigned)) if {
	some kind in object.get(settings, "required", [])
	not of[kind]
	unsigned := [{"evidence": s.evidence} | some s in input.scans; kind in s.scanners]
	what := {true: "signed ", false: ""}[gate.signed_only]
	msg := sprintf("no %s%s scan%s", [what, kind, gate.unsigned_note(unsigned)])
}

deny contains gate.violation(msg, "MEDIUM", gate.ids(newest)) if {
	max_age > 0
	some kind, scans in of
	age := min({s.ageSeconds | some s in scans})
	age > max_age
	newest := [s | some s in scans; s.ageSeconds == age]
	msg := stale(kind, age, newest)
}

stale(kind, age, newest) := sprintf("newest %s scan is %s old, max %s", [kind, gate.duration_up(age), gate.duration(max_age)]) if {
	some s in newest
	s.dated
} else := sprintf("no %s scan says when it ran (scans.max_age_seconds is %s)", [kind, gate.duration(max_age)])
