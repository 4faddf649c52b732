package vouch.gate.approvals_test

import data.vouch.gate.approvals
import data.vouch.test.gate as t

one := {"approvals": {"required": 1}}

approved(s, list) := t.doc({"settings": s, "approvals": list})

test_allow if {
	count(approvals.deny) == 0 with input as approved(one, [t.approval("e6", "alice@example.org", "production")])
}

test_allow_not_required if {
	count(approvals.deny) == 0 with input as t.doc({})
}

test_deny_none if {
	v := t.one(approvals.deny) with input as approved(one, [])
	v == {
		"msg": "production needs 1 approval by someone other than the commit author; got 0",
		"severity": "CRITICAL",
		"evidence": [],
	}
}

test_deny_author_approving_own_commit if {
	v := t.one(approvals.deny) with input as approved(one, [t.approval("e6", "Bob@Example.org", "production")])
	v.msg == "production needs 1 approval by someone other than the commit author; got 0 (approval by Bob@Example.org does not count: author of the commit)"
	v.evidence == ["e6"]
}

test_allow_author_when_allowed if {
	count(approvals.deny) == 0 with input as approved({"approvals": {"required": 1, "allow_author": true}}, [t.approval("e6", "bob@example.org", "production")])
}

test_deny_wrong_environment if {
	v := t.one(approvals.deny) with input as approved(one, [t.approval("e6", "alice@example.org", "staging")])
	v.msg == "production needs 1 approval by someone other than the commit author; got 0 (approval by alice@example.org does not count: it is for staging)"
}

test_deny_not_listed if {
	s := {"approvals": {"required": 1, "approvers": ["alice@example.org", "Carol@example.org"]}}
	inp := approved(s, [t.approval("e6", "mallory@example.org", "production")])
	v := t.one(approvals.deny) with input as inp
	v.msg == "production needs 1 approval from a listed approver by someone other than the commit author; got 0 (approval by mallory@example.org does not count: not a listed approver)"
	count(approvals.deny) == 0 with input as approved(s, [t.approval("e6", "carol@EXAMPLE.org", "production")])
}

test_distinct_approvers if {
	two := {"approvals": {"required": 2}}
	inp := approved(two, [
		t.approval("e6", "alice@example.org", "production"),
		t.approval("e7", "ALICE@example.org", "production"),
		t.approval("e8", "bob@example.org", "production"),
	])
	v := t.one(approvals.deny) with input as inp
	v.msg == "production needs 2 approvals by someone other than the commit author; got 1: alice@example.org (approval by bob@example.org does not count: author of the commit)"
	v.evidence == ["e6", "e7", "e8"]
	count(approvals.deny) == 0 with input as approved(two, [
		t.approval("e6", "alice@example.org", "production"),
		t.approval("e7", "carol@example.org", "production"),
	])
}

test_deny_author_unknown if {
	inp := object.union(approved(one, [t.approval("e6", "alice@example.org", "production")]), {"context": {"author": ""}})
	v := t.one(approvals.deny) with input as inp
	contains(v.msg, "the author is unknown")
}

test_author_unknown_with_allow_author if {
	inp := t.doc({"context": {"author": ""}, "settings": {"approvals": {"required": 1, "allow_author": true}}, "approvals": [t.approval("e6", "alice@example.org", "production")]})
	count(approvals.deny) == 0 with input as inp
}

test_approval_without_environment_does_not_count if {
	a := object.remove(t.approval("e6", "alice@example.org", "production"), ["environment"])
	count(approvals.deny) == 1 with input as approved(one, [a])
}
