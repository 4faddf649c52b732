# METADATA
# title: No misconfigurations at or above the threshold
# description: |
#   Judges every misconfiguration found by every scan, signed or not: at
#   or above the deny level it denies, at or above the warn level it
#   warns. The same check failing at the same place, reported by several
#   scans, is one violation. One the scan suppressed is here only when the
#   environment does not honour scan suppressions, and its message says
#   what suppressed it. Settings: misconfig.deny and misconfig.warn
#   (LOW, MEDIUM, HIGH, CRITICAL, or "" for off); misconfig.unknown (deny,
#   warn or ignore: how a finding without severity counts).
package vouch.gate.misconfig

import data.vouch.lib.gate

threshold := object.get(input.settings, "misconfig", {})

actions := gate.actions(threshold)

judged[[f.id, loc]] contains j if {
	table := actions
	some s in input.scans
	some f in s.findings
	f.kind == "misconfiguration"
	act := gate.judge(table, f.severity)
	act != "pass"
	loc := object.get(f, "location", "")
	j := {
		"action": act,
		"severity": f.severity,
		"title": object.get(f, "title", ""),
		"evidence": s.evidence,
		"suppressed": object.get(f, "suppressed", ""),
	}
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

violation(key, js, act) := gate.violation_about(msg, sev, gate.ids(js), id, "") if {
	[id, loc] := key
	sev := gate.group_severity(js, act)
	titles := sort({j.title | some j in js; j.title != ""})
	msg := sprintf("%s (%s)%s%s%s", [id, sev, gate.at(loc), title(titles), suppressed_note(js)])
}

title(ts) := sprintf(": %s", [gate.truncate(ts[0], 200)]) if {
	count(ts) > 0
} else := ""

# suppressed_note names what the scans suppressed a finding with, when
# the environment does not honour scan suppressions (the finding is then
# here with "suppressed" set).
suppressed_note(js) := sprintf(" (suppressed in the scan by %s, which this environment does not honour)", [concat(", ", srcs)]) if {
	srcs := sort({j.suppressed | some j in js; j.suppressed != ""})
	count(srcs) > 0
} else := ""
