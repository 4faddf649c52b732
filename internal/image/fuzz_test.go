package image

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// imageOf is an image whose one layer is the bytes b, stored as they are.
func imageOf(b []byte, opts Options) *Image {
	sum := sha256.Sum256(b)
	h := v1.Hash{Algorithm: "sha256", Hex: hex.EncodeToString(sum[:])}
	return &Image{
		Layers: []Layer{{Digest: toDigest(h), DiffID: toDigest(h), Size: int64(len(b))}},
		sources: []layerSource{{
			open: func(context.Context) (io.ReadCloser, bool, error) {
				return io.NopCloser(bytes.NewReader(b)), false, nil
			},
			want: h,
		}},
		opts: opts.withDefaults(),
	}
}

func seedTar(entries ...*tar.Header) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, h := range entries {
		if h.Typeflag == tar.TypeReg {
			h.Size = 4
		}
		tw.WriteHeader(h)
		if h.Typeflag == tar.TypeReg {
			tw.Write([]byte("body"))
		}
	}
	tw.Close()
	return buf.Bytes()
}

// FuzzLayer feeds arbitrary bytes to Walk as a layer (plain, and gzipped
// so that the tar reader sees them after decompression): it must return,
// without panicking, within its limits, and hand visitors only clean paths.
func FuzzLayer(f *testing.F) {
	f.Add(seedTar(
		&tar.Header{Name: "etc/os-release", Typeflag: tar.TypeReg},
		&tar.Header{Name: "a/.wh.b", Typeflag: tar.TypeReg},
		&tar.Header{Name: "a/.wh..wh..opq", Typeflag: tar.TypeReg},
		&tar.Header{Name: "l", Typeflag: tar.TypeSymlink, Linkname: "../../x"},
		&tar.Header{Name: "h", Typeflag: tar.TypeLink, Linkname: "etc/os-release"},
		&tar.Header{Name: "../up", Typeflag: tar.TypeReg},
	))
	f.Add([]byte{})
	f.Add([]byte{0x1f, 0x8b, 8, 0})
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var gz bytes.Buffer
		w := gzip.NewWriter(&gz)
		w.Write(b)
		w.Close()
		for _, layer := range [][]byte{b, gz.Bytes()} {
			im := imageOf(layer, Options{MaxImageSize: 1 << 20, MaxEntrySize: 1 << 16, MaxEntries: 1000})
			var ov Overlay[int]
			_ = im.Walk(context.Background(), func(l int, e *Entry) error {
				if e.Path == "" || e.Path[0] == '/' || e.Path == ".." || len(e.Path) > 2 && e.Path[:3] == "../" {
					t.Fatalf("unclean path %q", e.Path)
				}
				if e.Path == "." && e.Type != TypeOpaque {
					t.Fatalf("root entry of type %s", e.Type)
				}
				ov.Apply(l, e)
				if e.Type == TypeRegular {
					ov.Put(l, e.Path, false, 1)
					_, _ = io.Copy(io.Discard, e.Reader)
				}
				return nil
			})
		}
	})
}
