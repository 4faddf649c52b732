package vouch.gate.scans_test

import data.vouch.gate.scans
import data.vouch.test.gate as t

required := {"require_signed_evidence": true, "scans": {"required": ["vuln", "secret"], "max_age_seconds": 86400}}

aged(s, age) := object.union(s, {"ageSeconds": age})

test_allow if {
	count(scans.deny) == 0 with input as t.doc({"settings": required, "scans": [t.scan("e1", true, ["vuln", "secret"], [])]})
}

test_allow_nothing_required if {
	count(scans.deny) == 0 with input as t.doc({})
}

test_allow_kinds_in_separate_scans if {
	count(scans.deny) == 0 with input as t.doc({"settings": required, "scans": [
		t.scan("e1", true, ["vuln"], []),
		t.scan("e2", true, ["secret", "misconfig"], []),
	]})
}

test_deny_missing_kind if {
	v := t.one(scans.deny) with input as t.doc({"settings": required, "scans": [t.scan("e1", true, ["vuln", "misconfig"], [])]})
	v.msg == "no signed secret scan"
	v.severity == "HIGH"
	v.evidence == []
}

test_deny_every_missing_kind if {
	denies := scans.deny with input as t.doc({"settings": required})
	{v.msg | some v in denies} == {"no signed vuln scan", "no signed secret scan"}
}

test_deny_unsigned_scan_when_signed_required if {
	v := t.one(scans.deny) with input as t.doc({"settings": required, "scans": [
		t.scan("e1", true, ["vuln"], []),
		t.scan("e2", false, ["secret"], []),
		t.scan("e3", false, ["secret"], []),
	]})
	v.msg == "no signed secret scan (unsigned e2, e3 do not count: require_signed_evidence)"
	v.evidence == ["e2", "e3"]
}

test_allow_unsigned_scan_when_signing_not_required if {
	count(scans.deny) == 0 with input as t.doc({
		"settings": {"scans": {"required": ["vuln", "secret"]}},
		"scans": [t.scan("e1", false, ["vuln", "secret"], [])],
	})
}

test_deny_stale if {
	v := t.one(scans.deny) with input as t.doc({"settings": required, "scans": [
		t.scan("e1", true, ["vuln"], []),
		aged(t.scan("e2", true, ["secret"], []), 259200),
		aged(t.scan("e3", true, ["secret"], []), 300000),
	]})
	v.msg == "newest secret scan is 3d old, max 24h"
	v.evidence == ["e2"]
	v.severity == "MEDIUM"
}

test_allow_newest_fresh_enough if {
	# An old scan does not matter when a newer one of the kind is fresh.
	count(scans.deny) == 0 with input as t.doc({"settings": required, "scans": [
		aged(t.scan("e1", true, ["vuln", "secret"], []), 86400),
		aged(t.scan("e2", true, ["vuln", "secret"], []), 900000),
	]})
}

test_deny_just_over if {
	v := t.one(scans.deny) with input as t.doc({"settings": required, "scans": [
		t.scan("e1", true, ["vuln"], []),
		aged(t.scan("e2", true, ["secret"], []), 86401),
	]})
	v.msg == "newest secret scan is 24h1m old, max 24h"
}

test_stale_unsigned_scan_does_not_count_as_newest if {
	denies := scans.deny with input as t.doc({"settings": required, "scans": [
		aged(t.scan("e1", true, ["vuln", "secret"], []), 200000),
		t.scan("e2", false, ["vuln", "secret"], []),
	]})
	{v.msg | some v in denies} == {"newest vuln scan is 2d8h old, max 24h", "newest secret scan is 2d8h old, max 24h"}
}

test_no_age_limit if {
	count(scans.deny) == 0 with input as t.doc({
		"settings": {"scans": {"required": ["vuln"], "max_age_seconds": 0}},
		"scans": [aged(t.scan("e1", true, ["vuln"], []), 9000000)],
	})
}

test_deny_undated if {
	undated := object.union(t.scan("e2", true, ["vuln"], []), {"createdAt": "", "ageSeconds": 1099511627776})
	v := t.one(scans.deny) with input as t.doc({"settings": {"scans": {"required": ["vuln"], "max_age_seconds": 86400}}, "scans": [undated]})
	v.msg == "no vuln scan says when it ran (scans.max_age_seconds is 24h)"
	v.evidence == ["e2"]
}

excluding(s, patterns) := object.union(s, {"excludePaths": patterns})

allow_testdata := {"scans": {"allowed_excludes": ["**/testdata/**"]}}

test_allowed_exclude if {
	doc := t.doc({"settings": allow_testdata, "scans": [excluding(t.scan("e1", true, ["vuln"], []), ["**/testdata/**"])]})
	count(scans.deny) == 0 with input as doc
	count(scans.warn) == 0 with input as doc
}

test_warn_other_exclude if {
	doc := t.doc({"settings": allow_testdata, "scans": [
		excluding(t.scan("e1", true, ["vuln"], []), ["**/testdata/**"]),
		excluding(t.scan("e2", false, ["secret"], []), ["src/", "**/testdata/**", "*.env"]),
	]})
	v := t.one(scans.warn) with input as doc
	v.msg == "scan e2 excluded paths from what it looked at: *.env, src/ (findings there are not seen)"
	v.severity == "MEDIUM"
	v.evidence == ["e2"]
	count(scans.deny) == 0 with input as doc
}

test_deny_other_exclude_with_excludes_deny if {
	doc := t.doc({
		"settings": {"scans": {"allowed_excludes": ["**/testdata/**"], "excludes_deny": true}},
		"scans": [excluding(t.scan("e3", true, ["vuln"], []), ["vendor/"])],
	})
	v := t.one(scans.deny) with input as doc
	v.msg == "scan e3 excluded paths from what it looked at: vendor/ (findings there are not seen)"
	v.severity == "HIGH"
	v.evidence == ["e3"]
	count(scans.warn) == 0 with input as doc
}

test_exclude_compared_as_written if {
	# An allowed pattern allows itself, not what it would match.
	v := t.one(scans.warn) with input as t.doc({"settings": allow_testdata, "scans": [excluding(t.scan("e1", true, ["vuln"], []), ["a/testdata/b"])]})
	v.msg == "scan e1 excluded paths from what it looked at: a/testdata/b (findings there are not seen)"
}

test_each_scan_that_excludes if {
	warns := scans.warn with input as t.doc({"scans": [
		excluding(t.scan("e1", true, ["vuln"], []), ["a/"]),
		excluding(t.scan("e2", true, ["secret"], []), ["a/"]),
	]})
	{v.evidence[0] | some v in warns} == {"e1", "e2"}
}

test_no_excludes if {
	doc := t.doc({"settings": {"scans": {"excludes_deny": true}}, "scans": [
		excluding(t.scan("e1", true, ["vuln"], []), []),
		object.remove(t.scan("e2", true, ["vuln"], []), ["excludePaths"]),
		excluding(t.scan("e3", true, ["vuln"], []), null),
	]})
	count(scans.deny) == 0 with input as doc
	count(scans.warn) == 0 with input as doc
}

test_no_allowed_excludes_setting if {
	# Inputs from before allowed_excludes: every pattern warns.
	v := t.one(scans.warn) with input as t.doc({"settings": {"scans": {"allowed_excludes": null}}, "scans": [excluding(t.scan("e1", true, ["vuln"], []), ["x/"])]})
	v.evidence == ["e1"]
}
