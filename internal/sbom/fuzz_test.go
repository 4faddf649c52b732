package sbom

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// FuzzDecode feeds Decode arbitrary bytes in every format. Decode must
// not panic or hang; and whatever it accepts, vouch must be able to
// write as schema-valid CycloneDX and SPDX that read back to the same
// packages.
//
// The real SBOMs among the seeds are large, and the fuzzer's default is
// to spend up to a minute minimising every input that finds new
// coverage; run it with minimisation off:
//
//	go test ./internal/sbom -run '^$' -fuzz FuzzDecode -fuzztime 20s -fuzzminimizetime 1x
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"testdata/syft/dir*", "testdata/trivy/*.json", "testdata/golden/*.json"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := Decode(ctx, bytes.NewReader(data), "fuzz.sbom")
		if err != nil {
			return
		}
		want := packageKeys(inv)
		for _, format := range formats {
			doc := encode(t, format, inv, EncodeOptions{Deterministic: true})
			again, err := Decode(ctx, bytes.NewReader(doc), "again.sbom")
			if err != nil {
				t.Fatalf("%s of a decoded SBOM does not decode: %v", format, err)
			}
			if got := packageKeys(again); !slices.Equal(got, want) {
				t.Fatalf("%s round trip changed the packages:\nwant %q\ngot  %q", format, want, got)
			}
		}
	})
}

func packageKeys(inv *vouch.Inventory) []string {
	keys := make([]string, 0, len(inv.Packages))
	for i := range inv.Packages {
		keys = append(keys, inv.Packages[i].Key())
	}
	slices.Sort(keys)
	return keys
}
