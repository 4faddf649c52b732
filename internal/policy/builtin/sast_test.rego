package vouch.gate.sast_test

import data.vouch.gate.sast
import data.vouch.test.gate as t

result(rule, severity, location, message) := {"ruleId": rule, "level": "error", "severity": severity, "message": message, "location": location}

run(id, signed, tool, results) := {"evidence": id, "signed": signed, "tool": tool, "results": results}

analysed(runs, over) := t.doc({
	"settings": {"sast": object.union({"deny": "HIGH", "warn": "MEDIUM", "unknown": "warn"}, over)},
	"sarif": runs,
})

sqli := result("go/sql-injection", "HIGH", "internal/store/orders.go:88", "This query depends on a user-provided value.")

test_allow if {
	inp := analysed([run("e1", true, "CodeQL", [result("go/unused", "LOW", "a.go:1", "unused")])], {})
	count(sast.deny) == 0 with input as inp
	count(sast.warn) == 0 with input as inp
}

test_deny if {
	v := t.one(sast.deny) with input as analysed([run("e4", true, "CodeQL", [sqli])], {})
	v == {
		"msg": "CodeQL go/sql-injection (HIGH) at internal/store/orders.go:88: This query depends on a user-provided value.",
		"severity": "HIGH",
		"evidence": ["e4"],
		"finding": "go/sql-injection",
	}
}

test_warn if {
	inp := analysed([run("e4", true, "gosec", [result("G304", "MEDIUM", "cmd/x/main.go:20", "Potential file inclusion via variable")])], {})
	count(sast.deny) == 0 with input as inp
	t.one(sast.warn).msg == "gosec G304 (MEDIUM) at cmd/x/main.go:20: Potential file inclusion via variable" with input as inp
}

test_long_message_truncated if {
	long := concat("", ["first line\nsecond ", concat("", [x | some _ in numbers.range(1, 300); x := "x"])])
	v := t.one(sast.deny) with input as analysed([run("e4", true, "Semgrep OSS", [result("r", "HIGH", "a.py:1", long)])], {})
	endswith(v.msg, "…")
	contains(v.msg, "first line second x")
	count(v.msg) < 260
}

test_unknown_warn if {
	inp := analysed([run("e4", true, "CodeQL", [result("custom", "", "a.go:1", "m")])], {})
	count(sast.deny) == 0 with input as inp
	count(sast.warn) == 1 with input as inp
}

test_unknown_ignore if {
	inp := analysed([run("e4", true, "CodeQL", [result("custom", "UNKNOWN", "a.go:1", "m")])], {"unknown": "ignore"})
	count(sast.deny) == 0 with input as inp
	count(sast.warn) == 0 with input as inp
}

test_unsigned_run_counts_and_runs_aggregate if {
	inp := object.union(analysed([run("e4", true, "CodeQL", [sqli]), run("e5", false, "CodeQL", [sqli])], {}), {"settings": {"require_signed_evidence": true}})
	t.one(sast.deny).evidence == ["e4", "e5"] with input as inp
}

test_tools_do_not_aggregate if {
	count(sast.deny) == 2 with input as analysed([run("e4", true, "CodeQL", [sqli]), run("e5", true, "Semgrep OSS", [sqli])], {})
}

test_result_without_rule_still_counts if {
	v := t.one(sast.deny) with input as analysed([{"evidence": "e4", "signed": true, "tool": "CodeQL", "results": [{"severity": "CRITICAL", "message": "m", "location": "a.go:1"}]}], {})
	v.severity == "CRITICAL"
}
