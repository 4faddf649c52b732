package secrets

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestBaselineRoundTrip(t *testing.T) {
	s := newTestScanner(t)
	content := []byte("A=" + tok("b1", "{gh:ghp_}") + "\nB=" + tok("b2", "{gh:gho_}") + "\n")
	fs := s.ScanBytes("x.env", content)
	if len(fs) != 2 {
		t.Fatalf("want 2 findings, got %v", ids(fs))
	}
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, fs[:1]); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), string(content[2:12])) {
		t.Fatal("baseline holds the secret")
	}
	b, err := LoadBaseline(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Contains(fs[0].Fingerprint) || b.Contains(fs[1].Fingerprint) || b.Len() != 1 {
		t.Errorf("baseline contents wrong")
	}
	b.Apply(fs)
	if fs[0].Suppressed == nil || fs[0].Suppressed.Source != "baseline" || fs[1].Suppressed != nil {
		t.Errorf("Apply marked %v %v", fs[0].Suppressed, fs[1].Suppressed)
	}
	plain, err := LoadBaseline(strings.NewReader("# accepted\n" + fs[1].Fingerprint + "\n"))
	if err != nil || !plain.Contains(fs[1].Fingerprint) {
		t.Errorf("plain list: %v", err)
	}
	for _, bad := range []string{`{"version": 2, "findings": []}`, `{"version": 1, "findings": [{"fingerprint": "zz"}]}`, "nothex\n", "{"} {
		if _, err := LoadBaseline(strings.NewReader(bad)); err == nil {
			t.Errorf("LoadBaseline(%q) accepted", bad)
		}
	}
	var empty bytes.Buffer
	if err := WriteBaseline(&empty, []vouch.Finding{{Kind: vouch.KindVulnerability, ID: "CVE-1"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(empty.String(), `"findings": []`) {
		t.Errorf("non-secret findings written: %s", empty.String())
	}
}
