# METADATA
# title: No static analysis results at or above the threshold
# description: |
#   Judges every result of every SARIF run (CodeQL, Semgrep, gosec …),
#   signed or not, by its severity (from the security-severity score, else
#   the level): at or above the deny level it denies, at or above the warn
#   level it warns. The same result of the same tool, in several runs, is
#   one violation. Settings: sast.deny and sast.warn (LOW, MEDIUM, HIGH,
#   CRITICAL, or "" for off); sast.unknown (deny, warn or ignore: how a
#   result without severity counts).
package vouch.gate.sast

import data.vouch.lib.gate

threshold := object.get(input.settings, "sast", {})

actions := gate.actions(threshold)

judged[[object.get(run, "tool", ""), object.get(r, "ruleId", ""), loc]] contains j if {
	table := actions
	some run in input.sarif
	some r in run.results
	act := gate.judge(table, object.get(r, "severity", ""))
	act != "pass"
	loc := object.get(r, "location", "")
	j := {
		"action": act,
		"severity": object.get(r, "severity", ""),
		"message": object.get(r, "message", ""),
		"evidence": run.evidence,
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

violation(key, js, act) := gate.violation_about(msg, sev, gate.ids(js), rule, "") if {
	[tool, rule, loc] := key
	sev := gate.group_severity(js, act)
	messages := sort({j.message | some j in js; j.message != ""})
	who := concat(" ", [x | some x in [tool, rule]; x != ""])
	msg := sprintf("%s (%s)%s%s", [who, sev, gate.at(loc), text(messages)])
}

text(ms) := sprintf(": %s", [gate.truncate(ms[0], 200)]) if {
	count(ms) > 0
} else := ""
