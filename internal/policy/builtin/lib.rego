# METADATA
# description: |
#   Helpers shared by the built-in gate policies: severity ranks and
#   thresholds, which evidence counts, glob matching, violations and
#   durations. Not a policy itself: it lives outside vouch.gate.
package vouch.lib.gate

# ---------------------------------------------------------------------------
# Severities and thresholds.

severities := ["UNKNOWN", "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"]

rank := {s: i | some i, s in severities}

# severity is the canonical name of s; anything that is not one (empty,
# missing, misspelt) is UNKNOWN, never LOW.
severity(s) := u if {
	is_string(s)
	u := upper(trim_space(s))
	rank[u]
} else := "UNKNOWN"

# worst is the highest of a collection of severity names.
worst(sevs) := severities[max({rank[severity(s)] | some s in sevs})]

# unknown_mode is how a threshold counts findings without severity:
# "deny" (the default, and what anything unrecognised means: fail
# closed), "warn" or "ignore".
unknown_mode(t) := m if {
	m := lower(object.get(t, "unknown", ""))
	m in {"warn", "ignore"}
} else := "deny"

# level_rank is the rank of a threshold level; a level that is set but not
# a severity name ranks as LOW, so a typo denies more, not less.
level_rank(l) := r if {
	r := rank[upper(l)]
	r > rank.NONE
} else := rank.LOW

# meets reports whether a finding of severity sev meets the threshold
# level ("" is off). unknown says how a finding without severity counts:
# with "deny" it meets every threshold that is on (fail closed); with
# "warn" or "ignore" it meets none (action makes "warn" warn).
meets(sev, level, _) if {
	level != ""
	s := severity(sev)
	s != "UNKNOWN"
	rank[s] >= level_rank(level)
}

meets(sev, level, unknown) if {
	level != ""
	severity(sev) == "UNKNOWN"
	unknown == "deny"
}

# on reports whether a threshold judges anything at all.
on(t) if object.get(t, "deny", "") != ""

on(t) if object.get(t, "warn", "") != ""

# action is what a finding of severity sev does under threshold t (an
# object with deny, warn and unknown, as in settings): "deny", "warn", or
# undefined when it passes. With unknown == "warn" an UNKNOWN finding warns whenever the
# threshold is on.
action(sev, t) := "deny" if {
	meets(sev, object.get(t, "deny", ""), unknown_mode(t))
} else := "warn" if {
	meets(sev, object.get(t, "warn", ""), unknown_mode(t))
} else := "warn" if {
	severity(sev) == "UNKNOWN"
	unknown_mode(t) == "warn"
	on(t)
}

# actions is the action of each severity name under threshold t, "pass"
# for those that pass: a table policies build once and look findings up
# in, instead of judging each finding afresh.
actions(t) := {s: a |
	some s in severities
	a := action_or_pass(s, t)
}

action_or_pass(sev, t) := a if {
	a := action(sev, t)
} else := "pass"

# judge looks severity s up in a table from actions, reading s as
# severity does when it is not a canonical name.
judge(table, s) := table[s] if {
	is_string(s)
} else := table[severity(s)]

# decided is the action of a group of judged findings (objects with an
# "action"): one that denies makes the group deny.
decided(js) := "deny" if {
	some j in js
	j.action == "deny"
} else := "warn" if {
	some j in js
	j.action == "warn"
}

# group_severity is the worst severity among the findings of a group
# that took the group's action.
group_severity(js, act) := severity(j.severity) if {
	count(js) == 1
	some j in js
} else := worst({j.severity | some j in js; j.action == act})

# ---------------------------------------------------------------------------
# Evidence.

# signed_only: settings.require_signed_evidence, so that only signed
# scans, SBOMs, SARIF and provenance count as presence.
default signed_only := false

signed_only if input.settings.require_signed_evidence == true

# usable reports whether a piece of evidence (anything with "signed") may
# count for what it shows is there. Findings are never filtered by it:
# what evidence shows is wrong counts whoever signed it.
usable(_) if not signed_only

usable(x) if x.signed == true

# ids is the sorted evidence ids of xs (objects with "evidence").
ids(xs) := sort({x.evidence | some x in xs})

# unsigned_note explains, when only signed evidence counts, which pieces
# were there unsigned: " (unsigned e3, e4 do not count: require_signed_evidence)".
unsigned_note(xs) := sprintf(" (unsigned %s %s not count: require_signed_evidence)", [concat(", ", ids(xs)), verb]) if {
	signed_only
	count(xs) > 0
	verb := {true: "does", false: "do"}[count(xs) == 1]
} else := ""

# ---------------------------------------------------------------------------
# Matching.

# glob_any reports whether s matches one of patterns, where * matches any
# run of characters ("/" and "." included). Case matters: a branch "Main"
# is not "main".
glob_any(patterns, s) if {
	some p in patterns
	glob.match(p, null, s)
}

# glob_regex is one regular expression that matches, ignoring case,
# what any of patterns matches as a glob whose * matches any run of
# characters and ? any one character. It lets a policy match many strings
# against many patterns in one regex.match each. No pattern matches
# nothing.
glob_regex(patterns) := sprintf("(?i)^(?:%s)$", [concat("|", [glob_to_regex(p) | some p in patterns])]) if {
	count(patterns) > 0
} else := `[^\s\S]`

glob_to_regex(p) := replace(replace(regex.replace(p, `[.+^$(){}\[\]|\\]`, `\$0`), "*", ".*"), "?", ".")

# ---------------------------------------------------------------------------
# Violations.

# violation is a violation about nothing in particular; evidence (array
# or set) is sorted.
violation(msg, sev, evidence) := {"msg": msg, "severity": sev, "evidence": sort(evidence)}

# violation_about names the finding and the package it is about; either
# may be "" and is then left out.
violation_about(msg, sev, evidence, finding, pkg) := v if {
	finding != ""
	pkg != ""
	v := {"msg": msg, "severity": sev, "evidence": sort(evidence), "finding": finding, "package": pkg}
} else := v if {
	finding != ""
	v := {"msg": msg, "severity": sev, "evidence": sort(evidence), "finding": finding}
} else := v if {
	pkg != ""
	v := {"msg": msg, "severity": sev, "evidence": sort(evidence), "package": pkg}
} else := violation(msg, sev, evidence)

# package_name is how a finding names its package: the purl, else
# name@version, else the name.
package_name(f) := p if {
	p := object.get(f, "package", "")
	p != ""
} else := sprintf("%s@%s", [f.name, f.version]) if {
	object.get(f, "name", "") != ""
	object.get(f, "version", "") != ""
} else := object.get(f, "name", "")

# at is " at LOCATION", or "" when there is no location.
at(loc) := sprintf(" at %s", [loc]) if {
	is_string(loc)
	loc != ""
} else := ""

# truncate shortens s to at most n characters, on one line.
truncate(s, n) := t if {
	one := regex.replace(s, `\s+`, " ")
	t := one_truncated(one, n)
}

one_truncated(s, n) := s if count(s) <= n

one_truncated(s, n) := concat("", [substring(s, 0, n - 1), "…"]) if count(s) > n

plural(n, one, _) := one if n == 1

plural(n, _, many) := many if n != 1

# ---------------------------------------------------------------------------
# Durations.

# duration writes seconds readably with at most two units, rounding
# down: 45s, 90m, 5m30s, 24h, 25h30m, 3d, 3d4h.
duration(s) := two(s, 60, "m", 1, "s") if {
	s >= 120
	s < 7200
} else := two(s, 3600, "h", 60, "m") if {
	s >= 7200
	s < 172800
} else := two(s, 86400, "d", 3600, "h") if {
	s >= 172800
} else := sprintf("%ds", [s])

# duration_up is duration rounding the smaller unit up, so that an age
# just over a limit never reads as the limit itself (86401s is 24h1m).
duration_up(s) := duration(ceil(s / 60) * 60) if {
	s >= 7200
	s < 172800
} else := duration(ceil(s / 3600) * 3600) if {
	s >= 172800
} else := duration(s)

two(s, big, bn, small, sn) := out if {
	hi := floor(s / big)
	lo := floor((s - (hi * big)) / small)
	out := two_units(hi, bn, lo, sn)
}

two_units(hi, bn, 0, _) := sprintf("%d%s", [hi, bn])

two_units(hi, bn, lo, sn) := sprintf("%d%s%d%s", [hi, bn, lo, sn]) if lo != 0
