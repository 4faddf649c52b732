package vouch.gate.secrets_test

import data.vouch.gate.secrets
import data.vouch.test.gate as t

scanned(scans, over) := t.doc({
	"settings": {"secrets": object.union({"deny": "MEDIUM", "warn": "LOW", "unknown": "deny"}, over)},
	"scans": scans,
})

key := t.finding("secret", "aws-access-key-id", "CRITICAL", "config/prod.env:3")

test_allow_none if {
	inp := scanned([t.scan("e1", true, ["secret"], [])], {})
	count(secrets.deny) == 0 with input as inp
	count(secrets.warn) == 0 with input as inp
}

test_deny if {
	v := t.one(secrets.deny) with input as scanned([t.scan("e1", true, ["secret"], [key])], {})
	v == {
		"msg": "secret aws-access-key-id (CRITICAL) at config/prod.env:3",
		"severity": "CRITICAL",
		"evidence": ["e1"],
		"finding": "aws-access-key-id",
	}
}

test_message_never_holds_the_title if {
	# Titles come from the scan; the message is built from the rule and
	# the place only.
	f := object.union(key, {"title": "AKIAIOSFODNN7EXAMPLE"})
	v := t.one(secrets.deny) with input as scanned([t.scan("e1", true, ["secret"], [f])], {})
	not contains(v.msg, "AKIA")
}

test_warn if {
	inp := scanned([t.scan("e1", true, ["secret"], [t.finding("secret", "generic-password", "LOW", ".github/workflows/ci.yml:12")])], {})
	count(secrets.deny) == 0 with input as inp
	t.one(secrets.warn).finding == "generic-password" with input as inp
}

test_unsigned_scan_counts if {
	v := t.one(secrets.deny) with input as object.union(scanned([t.scan("e2", false, ["secret"], [key])], {}), {"settings": {"require_signed_evidence": true}})
	v.evidence == ["e2"]
}

test_same_place_aggregates if {
	other := t.finding("secret", "aws-access-key-id", "CRITICAL", "config/dev.env:1")
	denies := secrets.deny with input as scanned([t.scan("e1", true, ["secret"], [key, other]), t.scan("e2", true, ["secret"], [key])], {})
	{[v.msg, v.evidence] | some v in denies} == {
		["secret aws-access-key-id (CRITICAL) at config/prod.env:3", ["e1", "e2"]],
		["secret aws-access-key-id (CRITICAL) at config/dev.env:1", ["e1"]],
	}
}

test_unknown_deny if {
	f := t.finding("secret", "custom-token", "UNKNOWN", "a.txt:1")
	t.one(secrets.deny).severity == "UNKNOWN" with input as scanned([t.scan("e1", true, ["secret"], [f])], {})
}

test_unknown_ignore if {
	f := t.finding("secret", "custom-token", "UNKNOWN", "a.txt:1")
	inp := scanned([t.scan("e1", true, ["secret"], [f])], {"unknown": "ignore"})
	count(secrets.deny) == 0 with input as inp
	count(secrets.warn) == 0 with input as inp
}

test_unknown_warn if {
	f := t.finding("secret", "custom-token", "UNKNOWN", "a.txt:1")
	inp := scanned([t.scan("e1", true, ["secret"], [f])], {"unknown": "warn"})
	count(secrets.deny) == 0 with input as inp
	count(secrets.warn) == 1 with input as inp
}

test_ignores_vulnerabilities if {
	count(secrets.deny) == 0 with input as scanned([t.scan("e1", true, ["vuln"], [t.vuln("CVE-1", "CRITICAL", "pkg:npm/a@1", "")])], {})
}

test_suppressed_in_the_scan_says_so if {
	sup := object.union(key, {"suppressed": "baseline"})
	v := t.one(secrets.deny) with input as scanned([t.scan("e1", true, ["secret"], [sup])], {})
	v.msg == "secret aws-access-key-id (CRITICAL) at config/prod.env:3 (suppressed in the scan by baseline, which this environment does not honour)"
}
