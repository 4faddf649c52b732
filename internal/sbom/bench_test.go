package sbom

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// bigInventory is n npm packages as a large lockfile yields them: purl,
// one location with a line, a licence, an integrity hash, a scope and
// relationship, and two dependencies each.
func bigInventory(n int) *vouch.Inventory {
	pkgs := make([]vouch.Package, n)
	for i := range pkgs {
		name := fmt.Sprintf("@scope%d/package-%d", i%50, i)
		version := fmt.Sprintf("1.%d.%d", i%17, i%101)
		p := vouch.Package{
			Ecosystem: vouch.EcosystemNPM, Name: name, Version: version,
			PURL:      purl.For(vouch.EcosystemNPM, name, version, nil),
			Licenses:  []string{[]string{"MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "MIT OR Apache-2.0"}[i%5]},
			Hashes:    []vouch.Hash{{Algorithm: "SHA-512", Value: fmt.Sprintf("%0128x", i)}},
			Locations: []vouch.Location{{Path: "package-lock.json", Line: 10 + 12*i}},
		}
		if i%3 == 0 {
			p.Relationship = vouch.RelationshipDirect
		} else {
			p.Relationship = vouch.RelationshipIndirect
		}
		if i%7 == 0 {
			p.Scope = vouch.ScopeDev
		}
		pkgs[i] = p
	}
	for i := range pkgs {
		for _, d := range []int{(i + 1) % n, (i * 7) % n} {
			if d != i {
				pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[d].PURL)
			}
		}
	}
	return &vouch.Inventory{
		Target:   vouch.Target{Kind: vouch.TargetDirectory, Name: "."},
		Packages: vouch.Merge(pkgs),
	}
}

const benchPackages = 50_000

func benchmarkEncode(b *testing.B, enc func(io.Writer, *vouch.Inventory, EncodeOptions) error) {
	inv := bigInventory(benchPackages)
	opts := EncodeOptions{ToolVersion: "bench", Time: fixedTime, Deterministic: true}
	var size countingWriter
	if err := enc(&size, inv, opts); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if err := enc(io.Discard, inv, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeCycloneDX(b *testing.B) { benchmarkEncode(b, EncodeCycloneDX) }
func BenchmarkEncodeSPDX(b *testing.B)      { benchmarkEncode(b, EncodeSPDX) }

func benchmarkDecode(b *testing.B, enc func(io.Writer, *vouch.Inventory, EncodeOptions) error) {
	var buf bytes.Buffer
	if err := enc(&buf, bigInventory(benchPackages), EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	doc := buf.Bytes()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		inv, err := Decode(context.Background(), bytes.NewReader(doc), "bench.json")
		if err != nil {
			b.Fatal(err)
		}
		if len(inv.Packages) != benchPackages {
			b.Fatalf("decoded %d packages", len(inv.Packages))
		}
	}
}

func BenchmarkDecodeCycloneDX(b *testing.B) { benchmarkDecode(b, EncodeCycloneDX) }
func BenchmarkDecodeSPDX(b *testing.B)      { benchmarkDecode(b, EncodeSPDX) }

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
