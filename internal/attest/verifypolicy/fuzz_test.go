package verifypolicy

import (
	"encoding/json"
	"testing"

	"github.com/vouch-dev/vouch/internal/attest"
)

// FuzzEvaluate: neither a policy file nor a predicate (from a trusted key,
// but perhaps from a buggy tool) can crash evaluation.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte(policyYAML), []byte(`{"runDetails":{"builder":{"id":"b"},"metadata":{"finishedOn":"2024-01-01T00:00:00Z"}}}`))
	f.Add([]byte("scan: {maxSeverity: low}\n"), []byte(`{"findings":[{"severity":"HIGH","id":"x","package":null}],"createdAt":"x"}`))
	f.Fuzz(func(t *testing.T, policy, pred []byte) {
		p, err := Parse(policy)
		if err != nil {
			return
		}
		ev := &attest.Evidence{Attestations: []*attest.Verified{
			verified(attest.SLSAProvenanceV1, string(json.RawMessage(pred))),
			verified(attest.VouchScan, string(pred)),
		}}
		Evaluate(p, ev, now)
	})
}
