package vouch.gate.vulnerabilities_test

import data.vouch.gate.vulnerabilities as vulns
import data.vouch.test.gate as t

prod := {"require_signed_evidence": true, "vulnerabilities": {"deny": "HIGH", "warn": "MEDIUM", "fixed_only": false, "unknown": "deny"}}

crypto := "pkg:golang/golang.org/x/crypto@v0.28.0"

scanned(findings, over) := t.doc({"settings": object.union(prod, {"vulnerabilities": over}), "scans": [t.scan("e1", true, ["vuln"], findings)]})

test_allow_below_thresholds if {
	inp := scanned([t.vuln("CVE-2024-1", "LOW", crypto, "v0.31.0"), t.vuln("CVE-2024-2", "NONE", crypto, "")], {})
	count(vulns.deny) == 0 with input as inp
	count(vulns.warn) == 0 with input as inp
}

test_allow_thresholds_off if {
	inp := scanned([t.vuln("CVE-2024-1", "CRITICAL", crypto, "v0.31.0"), t.vuln("GO-2024-2", "", crypto, "")], {"deny": "", "warn": ""})
	count(vulns.deny) == 0 with input as inp
	count(vulns.warn) == 0 with input as inp
}

test_deny_high if {
	v := t.one(vulns.deny) with input as scanned([t.vuln("CVE-2024-45337", "CRITICAL", crypto, "v0.31.0")], {})
	v == {
		"msg": "CVE-2024-45337 (CRITICAL) in pkg:golang/golang.org/x/crypto@v0.28.0, fixed in v0.31.0",
		"severity": "CRITICAL",
		"evidence": ["e1"],
		"finding": "CVE-2024-45337",
		"package": crypto,
	}
}

test_warn_medium if {
	inp := scanned([t.vuln("CVE-2024-3", "MEDIUM", crypto, "")], {})
	count(vulns.deny) == 0 with input as inp
	v := t.one(vulns.warn) with input as inp
	v.msg == "CVE-2024-3 (MEDIUM) in pkg:golang/golang.org/x/crypto@v0.28.0, no fix available"
	v.finding == "CVE-2024-3"
}

test_unknown_deny if {
	v := t.one(vulns.deny) with input as scanned([t.vuln("GO-2025-3487", "UNKNOWN", crypto, "v0.35.0")], {"unknown": "deny"})
	v.severity == "UNKNOWN"
	v.finding == "GO-2025-3487"
}

test_unknown_missing_or_odd_severity_fails_closed if {
	denies := vulns.deny with input as scanned([t.vuln("GO-1", "", crypto, "v1"), t.vuln("GO-2", "SEVERE", crypto, "v1")], {"unknown": ""})
	{v.finding | some v in denies} == {"GO-1", "GO-2"}
}

test_unknown_warn if {
	inp := scanned([t.vuln("GO-2025-3487", "UNKNOWN", crypto, "v0.35.0")], {"unknown": "warn"})
	count(vulns.deny) == 0 with input as inp
	t.one(vulns.warn).severity == "UNKNOWN" with input as inp
}

test_unknown_warn_with_only_deny_level if {
	inp := scanned([t.vuln("GO-2025-3487", "UNKNOWN", crypto, "v0.35.0")], {"unknown": "warn", "warn": ""})
	count(vulns.warn) == 1 with input as inp
}

test_unknown_ignore if {
	inp := scanned([t.vuln("GO-2025-3487", "UNKNOWN", crypto, "v0.35.0")], {"unknown": "ignore"})
	count(vulns.deny) == 0 with input as inp
	count(vulns.warn) == 0 with input as inp
}

test_unknown_deny_warns_when_only_warn_level if {
	inp := scanned([t.vuln("GO-2025-3487", "UNKNOWN", crypto, "")], {"deny": "", "unknown": "deny"})
	count(vulns.deny) == 0 with input as inp
	count(vulns.warn) == 1 with input as inp
}

test_fixed_only_warns_without_fix if {
	inp := scanned([t.vuln("CVE-2024-9", "CRITICAL", crypto, "")], {"fixed_only": true})
	count(vulns.deny) == 0 with input as inp
	v := t.one(vulns.warn) with input as inp
	v.severity == "CRITICAL"
	v.msg == "CVE-2024-9 (CRITICAL) in pkg:golang/golang.org/x/crypto@v0.28.0, no fix available (fixed_only: it will deny once a fix exists)"
}

test_fixed_only_denies_with_fix if {
	v := t.one(vulns.deny) with input as scanned([t.vuln("CVE-2024-9", "CRITICAL", crypto, "v0.31.0")], {"fixed_only": true})
	contains(v.msg, "fixed in v0.31.0")
}

test_fixed_only_denies_when_one_scan_knows_the_fix if {
	inp := t.doc({"settings": object.union(prod, {"vulnerabilities": {"fixed_only": true}}), "scans": [
		t.scan("e1", true, ["vuln"], [t.vuln("CVE-2024-9", "HIGH", crypto, "")]),
		t.scan("e2", true, ["vuln"], [t.vuln("CVE-2024-9", "HIGH", crypto, "v0.31.0")]),
	]})
	v := t.one(vulns.deny) with input as inp
	v.evidence == ["e1", "e2"]
	count(vulns.warn) == 0 with input as inp
}

test_unsigned_scan_findings_still_count if {
	# require_signed_evidence decides what counts as a scan being there,
	# never which findings count: ignoring an unsigned finding fails open.
	inp := t.doc({"settings": prod, "scans": [
		t.scan("e1", true, ["vuln"], []),
		t.scan("e2", false, ["vuln"], [t.vuln("CVE-2024-45337", "CRITICAL", crypto, "v0.31.0")]),
	]})
	v := t.one(vulns.deny) with input as inp
	v.evidence == ["e2"]
	v.finding == "CVE-2024-45337"
}

test_aggregates_across_scans if {
	inp := t.doc({"settings": prod, "scans": [
		t.scan("e3", true, ["vuln"], [t.vuln("CVE-2024-45337", "CRITICAL", crypto, "v0.31.0"), t.vuln("CVE-2024-45337", "HIGH", "pkg:golang/golang.org/x/crypto@v0.20.0", "v0.31.0")]),
		t.scan("e1", false, ["vuln"], [t.vuln("CVE-2024-45337", "HIGH", crypto, "v0.31.0")]),
	]})
	denies := vulns.deny with input as inp
	count(denies) == 2
	some v in denies
	v.package == crypto
	v.evidence == ["e1", "e3"]
	v.severity == "CRITICAL"
}

test_package_without_purl if {
	f := object.union(t.vuln("CVE-2024-5", "HIGH", "", "1.2.3"), {"name": "libfoo", "version": "1.2.0"})
	v := t.one(vulns.deny) with input as scanned([f], {})
	v.package == "libfoo@1.2.0"
	v.msg == "CVE-2024-5 (HIGH) in libfoo@1.2.0, fixed in 1.2.3"
}

test_ignores_other_kinds if {
	inp := scanned([t.finding("secret", "aws-access-key-id", "CRITICAL", "a:1"), t.finding("misconfiguration", "VCH-DKR-0003", "CRITICAL", "Dockerfile:3")], {})
	count(vulns.deny) == 0 with input as inp
	count(vulns.warn) == 0 with input as inp
}

test_lower_case_severity if {
	count(vulns.deny) == 1 with input as scanned([t.vuln("CVE-2024-1", "high", crypto, "v1")], {})
}

test_package_unknown if {
	f := t.vuln("CVE-2024-6", "HIGH", "", "")
	v := t.one(vulns.deny) with input as scanned([f], {})
	v.msg == "CVE-2024-6 (HIGH), no fix available"
	not v.package
}

test_suppressed_in_the_scan_says_so if {
	# The environment does not honour scan suppressions: the finding
	# counts, and the message says who had suppressed it.
	sup := object.union(t.vuln("CVE-2024-45337", "CRITICAL", crypto, ""), {"suppressed": ".vouchignore.yaml"})
	v := t.one(vulns.warn) with input as scanned([sup], {"fixed_only": true})
	v.msg == "CVE-2024-45337 (CRITICAL) in pkg:golang/golang.org/x/crypto@v0.28.0, no fix available (fixed_only: it will deny once a fix exists) (suppressed in the scan by .vouchignore.yaml, which this environment does not honour)"
}

test_suppressed_by_one_scan_of_two if {
	f := t.vuln("CVE-2024-45337", "CRITICAL", crypto, "v0.31.0")
	v := t.one(vulns.deny) with input as t.doc({"settings": prod, "scans": [
		t.scan("e1", true, ["vuln"], [object.union(f, {"suppressed": "vex:vex.json"})]),
		t.scan("e2", true, ["vuln"], [f]),
		t.scan("e3", true, ["vuln"], [object.union(f, {"suppressed": "inline"})]),
	]})
	v.msg == "CVE-2024-45337 (CRITICAL) in pkg:golang/golang.org/x/crypto@v0.28.0, fixed in v0.31.0 (suppressed in the scan by inline, vex:vex.json, which this environment does not honour)"
	v.evidence == ["e1", "e2", "e3"]
}
