package attest

import (
	"testing"

	"github.com/vouch-dev/vouch/internal/signing"
)

// FuzzParseStatement: statements arrive inside envelopes from anywhere.
func FuzzParseStatement(f *testing.F) {
	f.Add([]byte(`{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"ab"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":{}}`))
	f.Add([]byte(`{"_type":"https://in-toto.io/Statement/v0.1","subject":[{"digest":{"sha512":"00"}}],"predicateType":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseStatement(data)
		if err != nil {
			return
		}
		if len(st.Subject) == 0 || st.PredicateType == "" {
			t.Fatal("accepted a statement without subject or predicate type")
		}
		out, err := st.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseStatement(out); err != nil {
			t.Fatalf("re-encoded statement rejected: %v", err)
		}
	})
}

// FuzzVerifyEnvelope: no envelope verifies under a key that did not sign
// it, and none makes verification panic.
func FuzzVerifyEnvelope(f *testing.F) {
	f.Add([]byte(`{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[{"keyid":"","sig":"MEUCIQ=="}]}`))
	f.Add([]byte(`{"payloadType":"x","payload":"e30","signatures":[]}`))
	_, v := newKey(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		env, err := ParseEnvelope(data)
		if err != nil {
			return
		}
		if _, _, err := VerifyEnvelope(env, []signing.Verifier{v}); err == nil {
			t.Fatal("a fuzzed envelope verified")
		}
	})
}

// FuzzValidateScan: scan predicates arrive inside attestations.
func FuzzValidateScan(f *testing.F) {
	f.Add([]byte(`{"schemaVersion":"1","tool":{"name":"vouch","version":"1"},"target":{"kind":"image","name":"a"},"scanners":["vuln"],"findings":[{"kind":"secret","id":"x","severity":"HIGH","location":{"path":"a"}}],"suppressed":[],"summary":{"total":1,"bySeverity":{"critical":0,"high":1,"medium":0,"low":0,"none":0,"unknown":0}},"createdAt":"2024-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = ValidatePredicate(VouchScan, data)
	})
}
