# METADATA
# title: No secrets at or above the threshold
# description: |
#   Judges every secret found by every scan, signed or not: at or above
#   the deny level it denies, at or above the warn level it warns. The
#   message names the rule and the location, never the value. The same
#   secret at the same place, reported by several scans, is one violation.
#   One the scan suppressed is here only when the environment does not
#   honour scan suppressions, and its message says what suppressed it.
#   Settings: secrets.deny and secrets.warn (LOW, MEDIUM, HIGH, CRITICAL,
#   or "" for off); secrets.unknown (deny, warn or ignore: how a secret
#   without severity counts).
package vouch.gate.secrets

import data.vouch.lib.gate

threshold := object.get(input.settings, "secrets", {})

actions := gate.actions(threshold)

judged[[f.id, loc, pkg]] contains j if {
	table := actions
	some s in input.scans
	some f in s.findings
	f.kind == "secret"
	act := gate.judge(table, f.severity)
	act != "pass"
	loc := object.get(f, "location", "")
	pkg := object.get(f, "package", "")
	j := {"action": act, "severity": f.severity, "evidence": s.evidence, "suppressed": object.get(f, "suppressed", "")}
}

deny contains v if {
	some key, js in judged
	gate.decided(js) == "deny"
	v := violation(key, js, "deny")
}

warn contains v if {
	some key, js in judged
	gate.decided(js) == "warn"
	v := violation(key, js, "warn")
}

violation(key, js, act) := gate.violation_about(msg, sev, gate.ids(js), id, pkg) if {
	[id, loc, pkg] := key
	sev := gate.group_severity(js, act)
	msg := sprintf("secret %s (%s)%s%s%s", [id, sev, gate.at(loc), in_package(pkg), suppressed_note(js)])
}

in_package(pkg) := sprintf(" in %s", [pkg]) if {
	pkg != ""
} else := ""

# suppressed_note names what the scans suppressed a finding with, when
# the environment does not honour scan suppressions (the finding is then
# here with "suppressed" set).
suppressed_note(js) := sprintf(" (suppressed in the scan by %s, which this environment does not honour)", [concat(", ", srcs)]) if {
	srcs := sort({j.suppressed | some j in js; j.suppressed != ""})
	count(srcs) > 0
} else := ""
