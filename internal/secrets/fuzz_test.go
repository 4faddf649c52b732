package secrets

import (
	"bytes"
	"context"
	"testing"
)

func FuzzScanReader(f *testing.F) {
	for _, r := range Rules() {
		for _, ex := range r.Examples.Positive {
			f.Add("deploy/app.conf", []byte(ex))
		}
	}
	f.Add(".github/workflows/ci.yml", []byte("env:\n  PASSWORD: x\n  TOKEN: ${{ secrets.T }}\n"))
	f.Add("a.min.js", bytes.Repeat([]byte("token=1;"), 2000))
	f.Add("x", []byte("\xff\xfep\x00a\x00s\x00s\x00"))
	s, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	s.chunkSize = 4096 // exercise chunk carrying on small inputs
	f.Fuzz(func(t *testing.T, path string, data []byte) {
		fs, err := s.ScanReader(context.Background(), path, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range fs {
			if x.Location.Line < 1 || x.Fingerprint == "" {
				t.Fatalf("bad finding %+v", x)
			}
		}
	})
}
