package sbom

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// The inventory JSON was written by encoding/json before it was streamed;
// the golden files were made by that encoder and must not change.
func TestEncodeInventoryGolden(t *testing.T) {
	rich := richInventory()
	rich.Sources = []string{"app/package-lock.json", "opt/app/pom.xml", "var/lib/dpkg/status"}
	golden(t, "rich.inventory.json", encodeInventory(t, rich))
	golden(t, "edge.inventory.json", encodeInventory(t, edgeInventory()))
}

// TestEncodeInventoryMatchesEncodingJSON holds the writer to what
// encoding/json writes for the same inventory, byte for byte.
func TestEncodeInventoryMatchesEncodingJSON(t *testing.T) {
	edge := edgeInventory()
	bigOne := bigInventory(3000)
	for i := range bigOne.Packages {
		if i%7 == 0 {
			bigOne.Packages[i].Metadata = map[string]string{"k": strings.Repeat("<&>", i%50)}
		}
	}
	tests := []struct {
		name string
		inv  *vouch.Inventory
	}{
		{"empty", &vouch.Inventory{}},
		{"no packages", &vouch.Inventory{Target: vouch.Target{Kind: vouch.TargetDirectory, Name: "."}, Packages: []vouch.Package{}}},
		{"rich", richInventory()},
		{"edge", edge},
		{"one package, nothing set", &vouch.Inventory{Packages: []vouch.Package{{}}}},
		{"empty lists", &vouch.Inventory{
			Target:   vouch.Target{Layers: []string{}},
			Distro:   &vouch.Distro{},
			Packages: []vouch.Package{{Licenses: []string{}, Hashes: []vouch.Hash{}, Locations: []vouch.Location{}, DependsOn: []string{}, Metadata: map[string]string{}}},
			Sources:  []string{},
		}},
		{"large", bigOne},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := encodingJSON(t, tt.inv)
			if got := encodeInventory(t, tt.inv); !bytes.Equal(got, want) {
				t.Fatalf("differs from encoding/json:\n%s", firstDiff(want, got))
			}
		})
	}
}

// FuzzEncodeInventory holds the writer to encoding/json for arbitrary
// strings, which is where the two could part: escaping of control
// characters, HTML characters, U+2028 and invalid UTF-8, and the order
// of metadata keys.
func FuzzEncodeInventory(f *testing.F) {
	f.Add("express", "4.19.2", "app/package-lock.json", "key", "value", 27)
	f.Add("<script>&", "\u2028\u2029", "a\x00b\x1f\x7f", "\b\f\n\r\t", "\"\\/", -1)
	f.Add("\xff\xfe", "caf\xc3", "é€😀", "z", "a", 0)
	f.Fuzz(func(t *testing.T, name, version, path, key, value string, line int) {
		d, _ := vouch.ParseDigest("sha256:" + strings.Repeat("ab", 32))
		inv := &vouch.Inventory{
			Target: vouch.Target{Kind: vouch.TargetKind(name), Name: path, Digest: d, Platform: value, Layers: []string{key}},
			Distro: &vouch.Distro{ID: name, VersionID: version, Codename: key, Name: value},
			Packages: []vouch.Package{{
				Ecosystem: vouch.Ecosystem(key), Name: name, Version: version, PURL: name + "@" + version,
				Distro: value, SourceName: name, SourceVersion: version, Commit: key,
				Scope: vouch.Scope(value), Relationship: vouch.Relationship(key),
				Licenses:  []string{value, key},
				Hashes:    []vouch.Hash{{Algorithm: key, Value: value}},
				Locations: []vouch.Location{{Path: path, Line: line, Layer: key}, {Path: value}},
				DependsOn: []string{version},
				Metadata:  map[string]string{key: value, value: key, name: path},
			}, {Name: path}},
			Sources: []string{path, name},
		}
		want := encodingJSON(t, inv)
		if got := encodeInventory(t, inv); !bytes.Equal(got, want) {
			t.Fatalf("differs from encoding/json:\n%s", firstDiff(want, got))
		}
	})
}

func encodeInventory(t testing.TB, inv *vouch.Inventory) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeInventory(&buf, inv); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// encodingJSON is how the inventory JSON was written before it was
// streamed.
func encodingJSON(t testing.TB, inv *vouch.Inventory) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(inv); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edgeInventory is a directory inventory with the strings and lists
// that an encoder can get wrong: characters JSON or HTML escape, invalid
// UTF-8, empty and nil lists, metadata keys out of order, a zero digest.
func edgeInventory() *vouch.Inventory {
	return &vouch.Inventory{
		Target: vouch.Target{Kind: vouch.TargetDirectory, Name: "proj <a&b>"},
		Packages: []vouch.Package{
			{
				Ecosystem: vouch.EcosystemNPM, Name: "@scope/<html>&co", Version: "1.0.0-\"beta\"\\1",
				PURL:         "pkg:npm/%40scope/%3Chtml%3E%26co@1.0.0",
				Scope:        vouch.ScopeDev,
				Relationship: vouch.RelationshipIndirect,
				Licenses:     []string{"MIT\tor\nISC", "caf\xc3\x28 \u2028\u2029 é€😀"},
				Hashes:       []vouch.Hash{{Algorithm: "SHA-1", Value: "00"}, {Algorithm: "SHA-256", Value: "ff"}},
				Locations:    []vouch.Location{{Path: "a/package-lock.json", Line: 3}, {Path: "b\x00\x01\x1f\b\f\x7f/package-lock.json"}},
				DependsOn:    []string{"pkg:npm/a@1", "pkg:npm/b@2"},
				Metadata:     map[string]string{"zeta": "last", "alpha": "first", "<m>": "&", "": "empty key"},
			},
			{Name: "no locations"},
			{Name: "empty lists", Licenses: []string{}, Hashes: []vouch.Hash{}, Locations: []vouch.Location{}, DependsOn: []string{}, Metadata: map[string]string{}},
			{
				Ecosystem: vouch.EcosystemDebian, Name: "libc6", Version: "2.36-9", PURL: "pkg:deb/debian/libc6@2.36-9",
				Distro: "debian:12", SourceName: "glibc", SourceVersion: "2.36-9+deb12u4", Commit: "abc",
				Locations: []vouch.Location{{Path: "var/lib/dpkg/status", Line: 1 << 40}},
			},
		},
		Sources: []string{"a/package-lock.json", "b/package-lock.json"},
	}
}

func BenchmarkEncodeInventory(b *testing.B) {
	benchmarkEncode(b, func(w io.Writer, inv *vouch.Inventory, _ EncodeOptions) error {
		return EncodeInventory(w, inv)
	})
}

// BenchmarkEncodeInventoryEncodingJSON is the encoder EncodeInventory
// replaced, for comparison.
func BenchmarkEncodeInventoryEncodingJSON(b *testing.B) {
	benchmarkEncode(b, func(w io.Writer, inv *vouch.Inventory, _ EncodeOptions) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(inv)
	})
}
