# METADATA
# title: SLSA provenance from an allowed builder, branch and clean tree
# description: |
#   Denies an artifact without SLSA provenance, or whose provenance names a
#   builder or branch that is not allowed or a tree that was modified (or
#   does not say). Settings: provenance.required; provenance.builders and
#   provenance.branches (globs, * matches anything; empty allows any);
#   provenance.clean; require_signed_evidence (only signed provenance
#   counts as present). Setting builders, branches or clean requires
#   provenance too: a restriction that missing provenance escapes would
#   fail open. What a provenance statement says against the artifact
#   (a builder, branch or dirty tree that is not allowed) denies whether
#   it is signed or not.
package vouch.gate.provenance

import data.vouch.lib.gate

settings := object.get(input.settings, "provenance", {})

builders := object.get(settings, "builders", [])

branches := object.get(settings, "branches", [])

clean if settings.clean == true

usable := [p | some p in input.provenance; gate.usable(p)]

unsigned := [p | some p in input.provenance; not gate.usable(p)]

# why names the setting that requires provenance.
why := "provenance.required" if {
	settings.required == true
} else := "provenance.clean" if {
	clean
} else := "provenance.builders" if {
	count(builders) > 0
} else := "provenance.branches" if {
	count(branches) > 0
}

deny contains gate.violation(msg, "HIGH", gate.ids(unsigned)) if {
	why
	count(usable) == 0
	what := {true: "signed SLSA provenance", false: "SLSA provenance"}[gate.signed_only]
	msg := sprintf("no %s for the artifact (%s)%s", [what, why, gate.unsigned_note(unsigned)])
}

deny contains gate.violation(msg, "CRITICAL", [p.evidence]) if {
	count(builders) > 0
	some p in input.provenance
	not gate.glob_any(builders, object.get(p, "builder", ""))
	msg := sprintf("built by %s, not an allowed builder (%s)", [shown(object.get(p, "builder", "")), concat(", ", builders)])
}

deny contains gate.violation(msg, "HIGH", [p.evidence]) if {
	count(branches) > 0
	some p in input.provenance
	where := source(p)
	where != ""
	not allowed_source(p)
	msg := sprintf("built from %s, not an allowed branch (%s)", [where, concat(", ", branches)])
}

deny contains gate.violation("provenance does not record the branch the artifact was built from", "HIGH", [p.evidence]) if {
	count(branches) > 0
	some p in usable
	source(p) == ""
}

deny contains gate.violation("built from a modified tree", "HIGH", [p.evidence]) if {
	clean
	some p in input.provenance
	p.dirty == "yes"
}

deny contains gate.violation("provenance does not record whether the tree was clean", "MEDIUM", [p.evidence]) if {
	clean
	some p in usable
	not object.get(p, "dirty", "") in {"yes", "no"}
}

# allowed_source: the branch, or else the ref, matches an allowed pattern.
allowed_source(p) if gate.glob_any(branches, object.get(p, "branch", ""))

allowed_source(p) if gate.glob_any(branches, object.get(p, "ref", ""))

# source is how a provenance names where it was built from: "branch
# feature/x (refs/heads/feature/x)", "refs/tags/v1.2.0", or "".
source(p) := sprintf("branch %s (%s)", [p.branch, p.ref]) if {
	object.get(p, "branch", "") != ""
	object.get(p, "ref", "") != ""
} else := sprintf("branch %s", [p.branch]) if {
	object.get(p, "branch", "") != ""
} else := object.get(p, "ref", "")

shown(s) := s if s != ""

shown("") := "an unnamed builder"
