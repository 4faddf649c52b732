package vouch.gate.misconfig_test

import data.vouch.gate.misconfig
import data.vouch.test.gate as t

scanned(findings, over) := t.doc({
	"settings": {"misconfig": object.union({"deny": "HIGH", "warn": "MEDIUM", "unknown": "warn"}, over)},
	"scans": [t.scan("e1", true, ["misconfig"], findings)],
})

test_allow_low if {
	inp := scanned([t.finding("misconfiguration", "VCH-DKR-0001", "LOW", "Dockerfile:1")], {})
	count(misconfig.deny) == 0 with input as inp
	count(misconfig.warn) == 0 with input as inp
}

test_deny if {
	v := t.one(misconfig.deny) with input as scanned([t.finding("misconfiguration", "VCH-AWS-0001", "HIGH", "main.tf:12")], {})
	v == {
		"msg": "VCH-AWS-0001 (HIGH) at main.tf:12: title of VCH-AWS-0001",
		"severity": "HIGH",
		"evidence": ["e1"],
		"finding": "VCH-AWS-0001",
	}
}

test_warn if {
	inp := scanned([t.finding("misconfiguration", "VCH-DKR-0003", "MEDIUM", "Dockerfile:7")], {})
	count(misconfig.deny) == 0 with input as inp
	t.one(misconfig.warn).msg == "VCH-DKR-0003 (MEDIUM) at Dockerfile:7: title of VCH-DKR-0003" with input as inp
}

test_unknown_warn if {
	inp := scanned([t.finding("misconfiguration", "CUSTOM-1", "UNKNOWN", "k8s.yaml:4")], {})
	count(misconfig.deny) == 0 with input as inp
	t.one(misconfig.warn).severity == "UNKNOWN" with input as inp
}

test_unknown_deny if {
	count(misconfig.deny) == 1 with input as scanned([t.finding("misconfiguration", "CUSTOM-1", "UNKNOWN", "k8s.yaml:4")], {"unknown": "deny"})
}

test_each_place_is_a_violation if {
	denies := misconfig.deny with input as scanned(
		[
			t.finding("misconfiguration", "VCH-AWS-0001", "HIGH", "main.tf:12"),
			t.finding("misconfiguration", "VCH-AWS-0001", "HIGH", "main.tf:40"),
		],
		{},
	)
	count(denies) == 2
}

test_unsigned_scan_counts if {
	inp := t.doc({
		"settings": {"require_signed_evidence": true, "misconfig": {"deny": "HIGH"}},
		"scans": [t.scan("e7", false, ["misconfig"], [t.finding("misconfiguration", "VCH-AWS-0001", "CRITICAL", "main.tf:1")])],
	})
	t.one(misconfig.deny).evidence == ["e7"] with input as inp
}

test_suppressed_in_the_scan_says_so if {
	sup := object.union(t.finding("misconfiguration", "VCH-AWS-0001", "HIGH", "main.tf:12"), {"suppressed": "inline"})
	v := t.one(misconfig.deny) with input as scanned([sup], {})
	v.msg == "VCH-AWS-0001 (HIGH) at main.tf:12: title of VCH-AWS-0001 (suppressed in the scan by inline, which this environment does not honour)"
}
