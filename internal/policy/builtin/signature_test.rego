package vouch.gate.signature_test

import data.vouch.gate.signature
import data.vouch.test.gate as t

test_allow_signed if {
	count(signature.deny) == 0 with input as t.with_settings({"require_signature": true})
}

test_allow_not_required if {
	count(signature.deny) == 0 with input as t.doc({"artifact": {"signed": false}})
}

test_deny_unsigned if {
	v := t.one(signature.deny) with input as t.doc({"settings": {"require_signature": true}, "artifact": {"signed": false}})
	v.severity == "CRITICAL"
	v.evidence == []
	contains(v.msg, "ghcr.io/acme/payments@sha256:0c3b")
	contains(v.msg, "is not signed by a trusted key")
}

test_deny_names_rejected_signatures if {
	v := t.one(signature.deny) with input as t.doc({
		"settings": {"require_signature": true},
		"artifact": {"signed": false, "signers": []},
		"evidence": [
			{"id": "e1", "source": "sig.json", "kind": "signature", "digest": "", "signed": false, "rejected": "signed by an untrusted key"},
			{"id": "e2", "source": "scan.json", "kind": "scan", "digest": "", "signed": false},
		],
	})
	v.evidence == ["e1"]
	contains(v.msg, "signature e1 rejected: signed by an untrusted key")
}

test_deny_signed_missing if {
	# An artifact the input does not call signed is not signed.
	count(signature.deny) == 1 with input as t.with_settings({"require_signature": true}) with input.artifact as {"name": "x", "digest": "sha256:00"}
}
