# METADATA
# title: No denied licences
# description: |
#   Denies components, in any SBOM, whose licence is on the deny list, and
#   warns about those on the warn list. Licences are matched as globs
#   ignoring case (AGPL-* matches AGPL-3.0-only). SPDX expressions are
#   read as SPDX means them: "A OR B" is a choice, denied only when every
#   choice is; "A AND B" is denied when either is; parentheses group;
#   "WITH exception" qualifies the licence before it. One violation per
#   component and licence. Settings: licenses.deny and licenses.warn
#   (lists of SPDX ids or globs).
package vouch.gate.licenses

import data.vouch.lib.gate

settings := object.get(input.settings, "licenses", {})

# denied matches the licences that deny, flagged those that deny or warn.
denied := gate.glob_regex(object.get(settings, "deny", []))

flagged := gate.glob_regex(array.concat(object.get(settings, "deny", []), object.get(settings, "warn", [])))

# candidates are what may need a closer look: flagged ids and every
# expression.
candidates := concat("|", [`[\s()&|]`, flagged])

licences := {l | some s in input.sboms; some c in s.components; some l in c.licenses}

# verdicts maps each distinct licence (id or expression) of the SBOMs
# that is denied or warned about to {"action", "ids"}: ids are the
# licences in it that matched.
verdicts := {l: v |
	some l in licences
	regex.match(candidates, l)
	v := verdict(l)
}

verdict(l) := {"action": "deny", "ids": matching(ts, denied)} if {
	ts := tokens(l)
	holds(ts, denied)
} else := {"action": "warn", "ids": matching(ts, flagged)} if {
	ts := tokens(l)
	holds(ts, flagged)
}

# hits[[component, licence]] are the SBOMs that list it.
hits[[who, l]] contains s.evidence if {
	vs := verdicts
	count(vs) > 0
	some s in input.sboms
	some c in s.components
	some l in c.licenses
	vs[l]
	who := component(c)
}

deny contains v if {
	some key, evidence in hits
	verdicts[key[1]].action == "deny"
	v := violation(key, evidence, "HIGH", "denied")
}

warn contains v if {
	some key, evidence in hits
	verdicts[key[1]].action == "warn"
	v := violation(key, evidence, "MEDIUM", "flagged for review")
}

violation(key, evidence, sev, what) := gate.violation_about(msg, sev, evidence, l, who) if {
	[who, l] := key
	names := verdicts[l].ids
	msg := message(who, l, names, what)
}

message(who, l, names, what) := sprintf("%s is licensed %s, %s in %s", [who, l, what, input.environment]) if {
	names == [trim_space(l)]
} else := sprintf("%s is licensed %q: %s %s in %s", [who, l, concat(", ", names), what, input.environment])

component(c) := p if {
	p := object.get(c, "purl", "")
	p != ""
} else := sprintf("%s@%s", [c.name, c.version]) if {
	object.get(c, "version", "") != ""
} else := c.name

# ---------------------------------------------------------------------------
# SPDX expressions.
#
# An expression becomes a formula of 1 (a licence the patterns leave
# alone), 0 (one they match), & (AND), | (OR) and parentheses, which
# reductions that keep AND's precedence over OR bring to one digit: 1 when
# some choice of licences avoids every match, 0 when none does.

# tokens splits an expression into "(", ")", "&", "|" and licence ids,
# with WITH exceptions dropped. Operators are upper or lower case, as
# SPDX allows.
tokens(l) := [t |
	some raw in regex.find_n(`[()&|]|[^()&|]+`, ops, -1)
	t := trim_space(raw)
	t != ""
] if {
	no_with := regex.replace(l, `\s+(WITH|with)\s+[^()\s]+`, "")
	ands := regex.replace(no_with, `\s+(AND|and)\s+`, " & ")
	ops := regex.replace(ands, `\s+(OR|or)\s+`, " | ")
}

operators := {"(", ")", "&", "|"}

names(ts) := [t | some t in ts; not t in operators]

matching(ts, re) := sort({t | some t in names(ts); regex.match(re, t)})

symbol(t, _) := t if t in operators

symbol(t, re) := "0" if {
	not t in operators
	regex.match(re, t)
}

symbol(t, re) := "1" if {
	not t in operators
	not regex.match(re, t)
}

# holds reports whether the expression cannot be satisfied without a
# licence patterns match. A formula that does not reduce (a malformed
# expression) holds when any licence in it matches: fail closed.
holds(ts, re) if {
	count(ts) == 1
	regex.match(re, ts[0])
}

holds(ts, re) if {
	count(ts) > 1
	f := reduce(concat("", [symbol(t, re) | some t in ts]))
	f == "0"
}

holds(ts, re) if {
	count(ts) > 1
	f := reduce(concat("", [symbol(t, re) | some t in ts]))
	not f in {"0", "1"}
	count(matching(ts, re)) > 0
}

# reduce applies step until one digit is left, at most 16 times (every
# step removes at least one operator of a well-formed formula).
reduce(f) := f if {
	count(f) <= 1
} else := r if {
	r4 := step(step(step(step(f))))
	r := reduce4(reduce4(reduce4(r4)))
}

reduce4(f) := f if {
	count(f) <= 1
} else := step(step(step(step(f))))

step(f) := r if {
	a := regex.replace(f, `\(([01])\)`, "${1}")
	b := regex.replace(a, `0&[01]|1&0`, "0")
	c := regex.replace(b, `1&1`, "1")
	d := regex.replace(c, `(^|[(|])(?:1\|[01]|0\|1)($|[)|])`, "${1}1${2}")
	r := regex.replace(d, `(^|[(|])0\|0($|[)|])`, "${1}0${2}")
}
