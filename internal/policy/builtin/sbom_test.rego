package vouch.gate.sbom_test

import data.vouch.gate.sbom
import data.vouch.test.gate as t

required := {"require_signed_evidence": true, "sbom": {"required": true}}

test_allow if {
	count(sbom.deny) == 0 with input as t.doc({"settings": required, "sboms": [t.sbom("e3", true, [])]})
}

test_allow_not_required if {
	count(sbom.deny) == 0 with input as t.doc({})
}

test_deny_missing if {
	v := t.one(sbom.deny) with input as t.doc({"settings": required})
	v == {"msg": "no signed SBOM for the artifact", "severity": "HIGH", "evidence": []}
}

test_deny_unsigned_when_signed_required if {
	v := t.one(sbom.deny) with input as t.doc({"settings": required, "sboms": [t.sbom("e3", false, [])]})
	v.msg == "no signed SBOM for the artifact (unsigned e3 does not count: require_signed_evidence)"
	v.evidence == ["e3"]
}

test_allow_unsigned_when_signing_not_required if {
	count(sbom.deny) == 0 with input as t.doc({"settings": {"sbom": {"required": true}}, "sboms": [t.sbom("e3", false, [])]})
}

test_deny_message_without_signing if {
	t.one(sbom.deny).msg == "no SBOM for the artifact" with input as t.doc({"settings": {"sbom": {"required": true}}})
}
