package image

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// BenchmarkWalk streams a gzipped 80 MiB layer of 20,000 text files,
// reading every file, as an inventory of a language runtime's tree does.
// Throughput is of uncompressed bytes.
func BenchmarkWalk(b *testing.B) {
	var raw, gz bytes.Buffer
	tw := tar.NewWriter(&raw)
	body := []byte(strings.Repeat("some source text, moderately compressible 0123456789\n", 80))
	for i := 0; i < 20000; i++ {
		tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("usr/lib/python3/site-packages/m%d/f%d.py", i/100, i), Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(body))})
		tw.Write(body)
	}
	tw.Close()
	zw, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
	zw.Write(raw.Bytes())
	zw.Close()
	im := imageOf(gz.Bytes(), Options{})
	b.SetBytes(int64(raw.Len()))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := im.Walk(context.Background(), func(_ int, e *Entry) error {
			if e.Reader != nil {
				m, err := io.Copy(io.Discard, e.Reader)
				n += int(m)
				return err
			}
			return nil
		})
		if err != nil || n != 20000*len(body) {
			b.Fatal(err, n)
		}
	}
}
