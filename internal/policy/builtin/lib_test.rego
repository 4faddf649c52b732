package vouch.lib.gate_test

import data.vouch.lib.gate

test_severity if {
	gate.severity("high") == "HIGH"
	gate.severity(" Critical ") == "CRITICAL"
	gate.severity("") == "UNKNOWN"
	gate.severity(null) == "UNKNOWN"
	gate.severity("moderate") == "UNKNOWN"
	gate.worst({"LOW", "UNKNOWN", "HIGH"}) == "HIGH"
	gate.worst({"UNKNOWN"}) == "UNKNOWN"
}

test_meets if {
	gate.meets("HIGH", "HIGH", "deny")
	gate.meets("CRITICAL", "MEDIUM", "ignore")
	not gate.meets("MEDIUM", "HIGH", "deny")
	not gate.meets("CRITICAL", "", "deny")
	not gate.meets("NONE", "LOW", "deny")
	gate.meets("UNKNOWN", "CRITICAL", "deny")
	not gate.meets("UNKNOWN", "LOW", "warn")
	not gate.meets("UNKNOWN", "LOW", "ignore")
	not gate.meets("UNKNOWN", "", "deny")

	# A level that is not a severity name counts as LOW: fail closed.
	gate.meets("LOW", "SEVERE", "deny")
}

test_action if {
	t := {"deny": "HIGH", "warn": "MEDIUM", "unknown": "deny"}
	gate.action("CRITICAL", t) == "deny"
	gate.action("MEDIUM", t) == "warn"
	not gate.action("LOW", t)
	gate.action("UNKNOWN", t) == "deny"
	gate.action("UNKNOWN", object.union(t, {"unknown": "warn"})) == "warn"
	not gate.action("UNKNOWN", object.union(t, {"unknown": "ignore"}))
	gate.action("UNKNOWN", {"deny": "HIGH"}) == "deny"
	gate.action("UNKNOWN", {"deny": "HIGH", "unknown": "whatever"}) == "deny"
	not gate.action("UNKNOWN", {"deny": "", "warn": "", "unknown": "warn"})
}

test_duration if {
	gate.duration(45) == "45s"
	gate.duration(90) == "90s"
	gate.duration(330) == "5m30s"
	gate.duration(5400) == "90m"
	gate.duration(86400) == "24h"
	gate.duration(91800) == "25h30m"
	gate.duration(259200) == "3d"
	gate.duration(273600) == "3d4h"
	gate.duration_up(86401) == "24h1m"
	gate.duration_up(259201) == "3d1h"
}

test_glob if {
	gate.glob_any(["release/*"], "release/1.2.x")
	gate.glob_any(["https://github.com/actions/runner/*"], "https://github.com/actions/runner/github-hosted")
	gate.glob_any(["refs/tags/v*"], "refs/tags/v1.2.0")
	not gate.glob_any(["main"], "Main")
	not gate.glob_any([], "main")
}

test_glob_regex if {
	re := gate.glob_regex(["AGPL-*", "GPL-2.0?", "x(y)[z].\\|"])
	regex.match(re, "agpl-3.0-only")
	regex.match(re, "GPL-2.0+")
	regex.match(re, "x(y)[z].\\|")
	not regex.match(re, "LGPL-2.1")
	not regex.match(re, "xxyyz")
	not regex.match(gate.glob_regex([]), "")
	not regex.match(gate.glob_regex([]), "MIT")
}

test_usable if {
	gate.usable({"signed": false}) with input.settings as {"require_signed_evidence": false}
	gate.usable({"signed": true}) with input.settings as {"require_signed_evidence": true}
	not gate.usable({"signed": false}) with input.settings as {"require_signed_evidence": true}
	not gate.usable({}) with input.settings as {"require_signed_evidence": true}
}

test_violation_about if {
	gate.violation_about("m", "LOW", {"e2", "e1"}, "CVE-1", "") == {"msg": "m", "severity": "LOW", "evidence": ["e1", "e2"], "finding": "CVE-1"}
	gate.violation_about("m", "LOW", [], "", "") == {"msg": "m", "severity": "LOW", "evidence": []}
}

test_truncate if {
	gate.truncate("a\n  b", 10) == "a b"
	gate.truncate("abcdefghijkl", 5) == "abcd…"
}
