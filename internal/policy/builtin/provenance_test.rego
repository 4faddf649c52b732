package vouch.gate.provenance_test

import data.vouch.gate.provenance
import data.vouch.test.gate as t

strict := {
	"require_signed_evidence": true,
	"provenance": {
		"required": true,
		"builders": ["https://github.com/actions/runner/*"],
		"branches": ["main", "release/*", "refs/tags/v*"],
		"clean": true,
	},
}

with_provenance(ps) := t.doc({"settings": strict, "provenance": ps})

test_allow if {
	count(provenance.deny) == 0 with input as with_provenance([t.provenance("e1", true, {})])
}

test_allow_not_required if {
	count(provenance.deny) == 0 with input as t.doc({})
}

test_allow_release_branch_and_tag if {
	count(provenance.deny) == 0 with input as with_provenance([
		t.provenance("e1", true, {"branch": "release/2.x", "ref": "refs/heads/release/2.x"}),
		t.provenance("e2", true, {"branch": "", "ref": "refs/tags/v1.4.0"}),
	])
}

test_deny_missing if {
	v := t.one(provenance.deny) with input as with_provenance([])
	v.evidence == []
	v.severity == "HIGH"
	v.msg == "no signed SLSA provenance for the artifact (provenance.required)"
}

test_deny_unsigned_only_when_signed_required if {
	v := t.one(provenance.deny) with input as with_provenance([t.provenance("e3", false, {})])
	v.evidence == ["e3"]
	contains(v.msg, "unsigned e3 does not count: require_signed_evidence")
}

test_allow_unsigned_when_signing_not_required if {
	count(provenance.deny) == 0 with input as t.doc({
		"settings": {"provenance": {"required": true}},
		"provenance": [t.provenance("e3", false, {})],
	})
}

test_deny_missing_when_only_branches_set if {
	# A branch rule that omitting provenance would escape fails closed.
	v := t.one(provenance.deny) with input as t.doc({"settings": {"provenance": {"branches": ["main"]}}})
	contains(v.msg, "no SLSA provenance for the artifact (provenance.branches)")
}

test_deny_builder if {
	v := t.one(provenance.deny) with input as with_provenance([t.provenance("e1", true, {"builder": "https://ci.evil.example/runner"})])
	v.severity == "CRITICAL"
	v.evidence == ["e1"]
	contains(v.msg, "built by https://ci.evil.example/runner, not an allowed builder")
}

test_deny_builder_of_unsigned_provenance_too if {
	# What provenance says against the artifact counts, signed or not.
	denies := provenance.deny with input as with_provenance([
		t.provenance("e1", true, {}),
		t.provenance("e2", false, {"builder": "https://ci.evil.example/runner"}),
	])
	count(denies) == 1
	t.one(denies).evidence == ["e2"]
}

test_deny_branch if {
	v := t.one(provenance.deny) with input as with_provenance([t.provenance("e1", true, {"branch": "feature/x", "ref": "refs/heads/feature/x"})])
	v.msg == "built from branch feature/x (refs/heads/feature/x), not an allowed branch (main, release/*, refs/tags/v*)"
}

test_deny_branch_is_case_sensitive if {
	count(provenance.deny) == 1 with input as with_provenance([t.provenance("e1", true, {"branch": "Main", "ref": "refs/heads/Main"})])
}

test_deny_branch_not_recorded if {
	v := t.one(provenance.deny) with input as with_provenance([t.provenance("e1", true, {"branch": "", "ref": ""})])
	v.msg == "provenance does not record the branch the artifact was built from"
}

test_deny_dirty if {
	v := t.one(provenance.deny) with input as with_provenance([t.provenance("e1", true, {"dirty": "yes"})])
	v.msg == "built from a modified tree"
	v.evidence == ["e1"]
}

test_deny_dirty_unknown if {
	v := t.one(provenance.deny) with input as with_provenance([t.provenance("e1", true, {"dirty": "unknown"})])
	v.msg == "provenance does not record whether the tree was clean"
}

test_allow_dirty_unknown_when_clean_off if {
	count(provenance.deny) == 0 with input as t.doc({
		"settings": {"provenance": {"required": true}},
		"provenance": [t.provenance("e1", true, {"dirty": "unknown"})],
	})
}
