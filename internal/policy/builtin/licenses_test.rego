package vouch.gate.licenses_test

import data.vouch.gate.licenses
import data.vouch.test.gate as t

prod := {"licenses": {"deny": ["AGPL-*", "SSPL-*", "BUSL-*"], "warn": ["GPL-*", "LGPL-*"]}}

with_components(cs) := t.doc({"settings": prod, "sboms": [t.sbom("e3", true, cs)]})

test_allow if {
	inp := with_components([
		t.component("pkg:npm/a@1.0.0", ["MIT"]),
		t.component("pkg:npm/b@1.0.0", ["Apache-2.0", "BSD-3-Clause"]),
		t.component("pkg:npm/c@1.0.0", []),
	])
	count(licenses.deny) == 0 with input as inp
	count(licenses.warn) == 0 with input as inp
}

test_deny if {
	v := t.one(licenses.deny) with input as with_components([t.component("pkg:npm/mongo-thing@2.1.0", ["SSPL-1.0"])])
	v == {
		"msg": "pkg:npm/mongo-thing@2.1.0 is licensed SSPL-1.0, denied in production",
		"severity": "HIGH",
		"evidence": ["e3"],
		"finding": "SSPL-1.0",
		"package": "pkg:npm/mongo-thing@2.1.0",
	}
}

test_deny_ignores_case if {
	count(licenses.deny) == 1 with input as with_components([t.component("pkg:npm/x@1.0.0", ["agpl-3.0-or-later"])])
}

test_warn if {
	inp := with_components([t.component("pkg:npm/x@1.0.0", ["GPL-3.0-only"])])
	count(licenses.deny) == 0 with input as inp
	t.one(licenses.warn).msg == "pkg:npm/x@1.0.0 is licensed GPL-3.0-only, flagged for review in production" with input as inp
}

outcome(l) := [count(d), count(w)] if {
	inp := with_components([t.component("pkg:npm/x@1.0.0", [l])])
	d := licenses.deny with input as inp
	w := licenses.warn with input as inp
}

test_or_is_a_choice if {
	outcome("MIT OR AGPL-3.0-only") == [0, 0]
	outcome("AGPL-3.0-only OR SSPL-1.0") == [1, 0]
	outcome("AGPL-3.0-only OR GPL-3.0-only") == [0, 1]
	outcome("(MIT OR Apache-2.0)") == [0, 0]
}

test_and_denies_with_either if {
	outcome("MIT AND AGPL-3.0-only") == [1, 0]
	outcome("AGPL-3.0-only AND MIT") == [1, 0]
	outcome("MIT AND LGPL-2.1-only") == [0, 1]
}

test_precedence_and_parentheses if {
	# AND binds tighter than OR.
	outcome("MIT OR AGPL-3.0-only AND Apache-2.0") == [0, 0]
	outcome("(MIT OR Apache-2.0) AND AGPL-3.0-only") == [1, 0]
	outcome("MIT AND (Apache-2.0 OR AGPL-3.0-only)") == [0, 0]
	outcome("(AGPL-3.0-only OR SSPL-1.0) AND MIT") == [1, 0]
	outcome("((MIT OR (AGPL-3.0-only AND BSD-2-Clause)) AND (SSPL-1.0 OR BUSL-1.1))") == [1, 0]
	outcome("MIT or agpl-3.0-only") == [0, 0]
}

test_with_exception if {
	outcome("GPL-2.0-only WITH Classpath-exception-2.0") == [0, 1]
	outcome("Apache-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0") == [0, 0]
	outcome("AGPL-3.0-only WITH openvpn-openssl-exception") == [1, 0]
}

test_long_choice if {
	outcome("MIT OR ISC OR BSD-2-Clause OR BSD-3-Clause OR Apache-2.0 OR 0BSD OR Zlib OR Unlicense OR CC0-1.0 OR AGPL-3.0-only OR WTFPL OR BSL-1.0 OR MPL-2.0 OR Python-2.0 OR PostgreSQL OR X11 OR NCSA OR AFL-3.0 OR Artistic-2.0") == [0, 0]
	outcome("AGPL-1.0 AND AGPL-2.0 AND AGPL-3.0 AND SSPL-1.0 AND BUSL-1.1 AND AGPL-3.0-only AND AGPL-3.0-or-later AND SSPL-2 AND BUSL-2 AND AGPL-4 AND AGPL-5 AND AGPL-6 AND AGPL-7 AND AGPL-8 AND AGPL-9 AND AGPL-10 AND AGPL-11 AND AGPL-12") == [1, 0]
}

test_malformed_expression_fails_closed if {
	outcome("AGPL-3.0-only OR") == [1, 0]
	outcome("MIT AND (") == [0, 0]
}

test_expression_message_names_the_denied_licence if {
	v := t.one(licenses.deny) with input as with_components([t.component("pkg:npm/x@1.0.0", ["MIT AND AGPL-3.0-only"])])
	v.msg == `pkg:npm/x@1.0.0 is licensed "MIT AND AGPL-3.0-only": AGPL-3.0-only denied in production`
	v.finding == "MIT AND AGPL-3.0-only"
}

test_one_violation_per_component_and_licence if {
	c := t.component("pkg:npm/x@1.0.0", ["AGPL-3.0-only", "SSPL-1.0"])
	inp := t.doc({"settings": prod, "sboms": [t.sbom("e3", true, [c]), t.sbom("e9", false, [c, t.component("pkg:npm/y@2.0.0", ["AGPL-3.0-only"])])]})
	denies := licenses.deny with input as inp
	{[v.package, v.finding, v.evidence] | some v in denies} == {
		["pkg:npm/x@1.0.0", "AGPL-3.0-only", ["e3", "e9"]],
		["pkg:npm/x@1.0.0", "SSPL-1.0", ["e3", "e9"]],
		["pkg:npm/y@2.0.0", "AGPL-3.0-only", ["e9"]],
	}
}

test_component_without_purl if {
	c := {"name": "left-pad", "version": "1.3.0", "purl": "", "ecosystem": "npm", "licenses": ["BUSL-1.1"]}
	t.one(licenses.deny).package == "left-pad@1.3.0" with input as with_components([c])
}

test_no_lists_no_violations if {
	inp := t.doc({"sboms": [t.sbom("e3", true, [t.component("pkg:npm/x@1.0.0", ["AGPL-3.0-only"])])]})
	count(licenses.deny) == 0 with input as inp
	count(licenses.warn) == 0 with input as inp
}
