# METADATA
# title: Required scans are present and fresh
# description: |
#   Denies when a required kind of scan (vuln, secret, misconfig) is
#   missing, or when the newest scan of that kind is older than allowed.
#   Warns (or denies) when any scan, signed or not, left paths out of what
#   it looked at with exclude-paths patterns that are not allowed: findings
#   there are not seen. Settings: scans.required (the kinds);
#   scans.max_age_seconds (0 is no limit; in vouch.yaml scans.max_age,
#   "24h"); require_signed_evidence (only signed scans count);
#   scans.allowed_excludes (the exclude-paths patterns a scan may use, as
#   written); scans.excludes_deny (any other pattern denies instead of
#   warning).
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

# excluded holds, for each scan that used exclude-paths patterns that
# scans.allowed_excludes does not list, those patterns (sorted). Scans
# from before excludePaths existed have none.
excluded contains {"evidence": s.evidence, "patterns": ps} if {
	allowed := {p | some p in list_of(settings, "allowed_excludes")}
	some s in input.scans
	ps := sort({p | some p in list_of(s, "excludePaths"); not p in allowed})
	count(ps) > 0
}

excludes_deny if settings.excludes_deny == true

deny contains exclusion(x, "HIGH") if {
	excludes_deny
	some x in excluded
}

warn contains exclusion(x, "MEDIUM") if {
	not excludes_deny
	some x in excluded
}

exclusion(x, sev) := gate.violation(msg, sev, [x.evidence]) if {
	msg := sprintf("scan %s excluded paths from what it looked at: %s (findings there are not seen)", [x.evidence, concat(", ", x.patterns)])
}

# list_of is the list o[key], or [] when it is missing or not a list.
list_of(o, key) := l if {
	l := object.get(o, key, [])
	is_array(l)
} else := []
