package ospkg

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
)

// repeated is a fixture repeated to the size of a full system's database.
func repeated(b *testing.B, file string, times int) []byte {
	one, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	return bytes.Repeat(append(one, '\n'), times)
}

func BenchmarkDpkg(b *testing.B) {
	data := repeated(b, "testdata/dpkg/status", 300) // ≈ 2 MiB, 2,400 packages
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseDpkg(context.Background(), bytes.NewReader(data), "var/lib/dpkg/status", true); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApk(b *testing.B) {
	data := repeated(b, "testdata/apk/installed", 100)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseApk(context.Background(), bytes.NewReader(data), "lib/apk/db/installed"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRPMHeader(b *testing.B) {
	blob, err := os.ReadFile("testdata/rpm/sqlite-headers/05-bash.hdr")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseRPMHeader(blob); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRPMSQLite(b *testing.B) {
	file := buildRPMSQLite(b)
	f, err := os.Open(file)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	b.ReportAllocs()
	for b.Loop() {
		_, err := RPM{}.Extract(context.Background(), &extractor.File{Path: "var/lib/rpm/rpmdb.sqlite", Size: fi.Size(), Reader: f, ReaderAt: f})
		if err != nil {
			b.Fatal(err)
		}
	}
}
