# METADATA
# title: No vulnerabilities at or above the threshold
# description: |
#   Judges every vulnerability of every scan, signed or not (what evidence
#   shows is wrong always counts): at or above the deny level it denies,
#   at or above the warn level it warns. The same vulnerability in the same
#   package, reported by several scans, is one violation. One the scan
#   suppressed is here only when the environment does not honour scan
#   suppressions, and its message says what suppressed it. Settings:
#   vulnerabilities.deny and vulnerabilities.warn (LOW, MEDIUM, HIGH,
#   CRITICAL, or "" for off); vulnerabilities.fixed_only (a vulnerability
#   with no known fix warns instead of denying); vulnerabilities.unknown
#   (deny, warn or ignore: how a vulnerability without severity counts).
package vouch.gate.vulnerabilities

import data.vouch.lib.gate

threshold := object.get(input.settings, "vulnerabilities", {})

fixed_only if threshold.fixed_only == true

actions := gate.actions(threshold)

# demotion turns what a vulnerability does, and whether it has no fix,
# into what it does under fixed_only.
demotion := {[a, nofix]: d |
	some a in {"deny", "warn"}
	some nofix in {true, false}
	d := demoted_action(a, nofix)
}

demoted_action("deny", true) := "warn" if {
	fixed_only
} else := "deny"

demoted_action("deny", false) := "deny"

demoted_action("warn", _) := "warn"

# judged[[id, package]] holds one entry per scan that reports the
# vulnerability, with what it does there.
judged[[f.id, gate.package_name(f)]] contains j if {
	table := actions
	demote := demotion
	some s in input.scans
	some f in s.findings
	f.kind == "vulnerability"
	act := gate.judge(table, f.severity)
	act != "pass"
	fixed := object.get(f, "fixedIn", "")
	final := demote[[act, fixed == ""]]
	j := {"action": final, "demoted": final != act, "severity": f.severity, "fixed": fixed, "evidence": s.evidence, "suppressed": object.get(f, "suppressed", "")}
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
	[id, pkg] := key
	sev := gate.group_severity(js, act)
	fixes := sort({j.fixed | some j in js; j.fixed != ""})
	msg := sprintf("%s (%s)%s, %s%s%s", [id, sev, in_package(pkg), fix(fixes), note(js, act), suppressed_note(js)])
}

in_package(pkg) := sprintf(" in %s", [pkg]) if {
	pkg != ""
} else := ""

fix(fixes) := sprintf("fixed in %s", [concat(", ", fixes)]) if {
	count(fixes) > 0
} else := "no fix available"

# note says why a vulnerability that meets the deny level only warns.
note(js, "warn") := " (fixed_only: it will deny once a fix exists)" if {
	some j in js
	j.demoted == true
}

default note(_, _) := ""

# suppressed_note names what the scans suppressed a finding with, when
# the environment does not honour scan suppressions (the finding is then
# here with "suppressed" set).
suppressed_note(js) := sprintf(" (suppressed in the scan by %s, which this environment does not honour)", [concat(", ", srcs)]) if {
	srcs := sort({j.suppressed | some j in js; j.suppressed != ""})
	count(srcs) > 0
} else := ""
