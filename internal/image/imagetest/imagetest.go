// Package imagetest builds container images for tests: layers from tar
// entries described in code, images and multi-platform indexes from them,
// written as OCI layouts, docker archives, or pushed to go-containerregistry's
// in-process registry served on loopback. It is imported only by tests.
package imagetest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/compression"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Entry is one tar entry of a layer.
type Entry struct {
	Name string
	Type byte   // tar.TypeReg when zero
	Body string // regular files
	Link string // symlinks and hard links
	Mode int64  // 0o644 (0o755 for directories) when zero
}

// File is a regular file entry.
func File(name, body string) Entry { return Entry{Name: name, Body: body} }

// Dir is a directory entry.
func Dir(name string) Entry { return Entry{Name: name, Type: tar.TypeDir} }

// Symlink is a symbolic link entry.
func Symlink(name, target string) Entry {
	return Entry{Name: name, Type: tar.TypeSymlink, Link: target}
}

// Whiteout deletes name from the layers below.
func Whiteout(name string) Entry {
	dir, base := filepath.Split(name)
	return File(dir+".wh."+base, "")
}

// Opaque hides what the layers below hold in dir.
func Opaque(dir string) Entry { return File(strings.TrimSuffix(dir, "/")+"/.wh..wh..opq", "") }

// Tar writes entries as an uncompressed tar.
func Tar(entries ...Entry) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.Name, Typeflag: e.Type, Linkname: e.Link, Mode: e.Mode, ModTime: time.Unix(1700000000, 0)}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if h.Mode == 0 {
			h.Mode = 0o644
			if h.Typeflag == tar.TypeDir {
				h.Mode = 0o755
			}
		}
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.Body))
		}
		if err := tw.WriteHeader(h); err != nil {
			panic(err)
		}
		if h.Size > 0 {
			if _, err := io.WriteString(tw, e.Body); err != nil {
				panic(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Layer is a gzip-compressed layer of entries.
func Layer(t testing.TB, entries ...Entry) v1.Layer {
	t.Helper()
	return LayerFromTar(t, Tar(entries...), compression.GZip)
}

// LayerFromTar compresses an uncompressed tar into a layer.
func LayerFromTar(t testing.TB, b []byte, c compression.Compression) v1.Layer {
	t.Helper()
	opts := []tarball.LayerOption{tarball.WithCompression(c), tarball.WithCompressedCaching}
	if c == compression.ZStd {
		opts = append(opts, tarball.WithMediaType(types.OCILayerZStd))
	}
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Image stacks layers into an image for platform ("linux/amd64").
func Image(t testing.TB, platform string, layers ...v1.Layer) v1.Image {
	t.Helper()
	p, err := v1.ParsePlatform(platform)
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.ConfigFile(empty.Image, &v1.ConfigFile{
		OS: p.OS, Architecture: p.Architecture, Variant: p.Variant,
		RootFS: v1.RootFS{Type: "layers"},
		Config: v1.Config{Env: []string{"PATH=/usr/bin:/bin"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err = mutate.AppendLayers(img, layers...)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// Index is a multi-platform index of images, each described with the
// platform of its config.
func Index(t testing.TB, imgs ...v1.Image) v1.ImageIndex {
	t.Helper()
	var adds []mutate.IndexAddendum
	for _, img := range imgs {
		cfg, err := img.ConfigFile()
		if err != nil {
			t.Fatal(err)
		}
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{
			Platform: &v1.Platform{OS: cfg.OS, Architecture: cfg.Architecture, Variant: cfg.Variant},
		}})
	}
	return mutate.AppendManifests(mutate.IndexMediaType(empty.Index, types.OCIImageIndex), adds...)
}

// Digest is an image's or index's manifest digest.
func Digest(t testing.TB, d interface{ Digest() (v1.Hash, error) }) v1.Hash {
	t.Helper()
	h, err := d.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// WriteLayout writes img as an OCI image layout in a new directory.
func WriteLayout(t testing.TB, img v1.Image) string {
	t.Helper()
	dir := t.TempDir()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendImage(img); err != nil {
		t.Fatal(err)
	}
	return dir
}

// WriteLayoutIndex writes idx as the one entry of a new OCI image layout,
// the way docker buildx writes a multi-platform image.
func WriteLayoutIndex(t testing.TB, idx v1.ImageIndex) string {
	t.Helper()
	dir := t.TempDir()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendIndex(idx); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TarDir writes the files below dir into a tar archive at file, the way
// an OCI layout is shipped as an oci-archive.
func TarDir(t testing.TB, dir, file string) {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	err = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h, err := tar.FileInfoHeader(fi, "")
		if err != nil {
			return err
		}
		h.Name = filepath.ToSlash(rel)
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			_, err = tw.Write(b)
			return err
		}
		return nil
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// DockerArchive writes img the way `docker save` did before Docker 25: a
// manifest.json naming a config file and uncompressed "<id>/layer.tar"
// files. It returns the archive's path.
func DockerArchive(t testing.TB, img v1.Image, tag string) string {
	t.Helper()
	cfg, err := img.RawConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(cfg)
	id := hex.EncodeToString(sum[:])
	files := []Entry{{Name: id + ".json", Body: string(cfg)}}
	m := []map[string]any{{"Config": id + ".json", "RepoTags": []string{tag}}}
	var names []string
	for _, l := range layers {
		d, err := l.DiffID()
		if err != nil {
			t.Fatal(err)
		}
		rc, err := l.Uncompressed()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, Dir(d.Hex), Entry{Name: d.Hex + "/layer.tar", Body: string(b)}, File(d.Hex+"/VERSION", "1.0"))
		names = append(names, d.Hex+"/layer.tar")
	}
	m[0]["Layers"] = names
	mj, _ := json.Marshal(m)
	files = append(files, File("manifest.json", string(mj)))
	file := filepath.Join(t.TempDir(), "image.tar")
	if err := os.WriteFile(file, Tar(files...), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// Serve serves h on a loopback httptest server and returns its host:port.
func Serve(t testing.TB, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// Registry is go-containerregistry's in-process registry, quiet.
func Registry() http.Handler {
	return registry.New(registry.Logger(log.New(io.Discard, "", 0)))
}

// Push writes img (a v1.Image or v1.ImageIndex) to ref on a registry.
func Push(t testing.TB, ref string, img any) {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	switch v := img.(type) {
	case v1.Image:
		err = remote.Write(r, v)
	case v1.ImageIndex:
		err = remote.WriteIndex(r, v)
	default:
		err = fmt.Errorf("cannot push %T", img)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// LayoutWriter writes an OCI image layout whose layers are produced by
// streaming, for images too large to hold in memory: each layer's tar is
// gzipped (at level, gzip.NoCompression for incompressible data) straight
// into its blob file while both digests are computed.
type LayoutWriter struct {
	Dir    string
	layers []v1.Descriptor
	diffs  []v1.Hash
}

// NewLayoutWriter starts a layout in dir.
func NewLayoutWriter(dir string) (*LayoutWriter, error) {
	if err := os.MkdirAll(filepath.Join(dir, "blobs", "sha256"), 0o755); err != nil {
		return nil, err
	}
	return &LayoutWriter{Dir: dir}, nil
}

// AddLayer streams one layer: write fills the tar writer it is given.
func (w *LayoutWriter) AddLayer(level int, write func(tw *tar.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Join(w.Dir, "blobs", "sha256"), "layer-*")
	if err != nil {
		return err
	}
	defer tmp.Close()
	blobSum, diffSum := sha256.New(), sha256.New()
	cw := &countWriter{w: io.MultiWriter(tmp, blobSum)}
	gz, err := gzip.NewWriterLevel(cw, level)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(io.MultiWriter(gz, diffSum))
	if err := write(tw); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	d := hashOf(blobSum)
	if err := os.Rename(tmp.Name(), filepath.Join(w.Dir, "blobs", "sha256", d.Hex)); err != nil {
		return err
	}
	w.layers = append(w.layers, v1.Descriptor{MediaType: types.OCILayer, Size: cw.n, Digest: d})
	w.diffs = append(w.diffs, hashOf(diffSum))
	return nil
}

// Finish writes the config, manifest, index.json and oci-layout, and
// returns the manifest digest.
func (w *LayoutWriter) Finish(platform string) (v1.Hash, error) {
	p, err := v1.ParsePlatform(platform)
	if err != nil {
		return v1.Hash{}, err
	}
	cfg, err := json.Marshal(&v1.ConfigFile{OS: p.OS, Architecture: p.Architecture, Variant: p.Variant,
		RootFS: v1.RootFS{Type: "layers", DiffIDs: w.diffs}})
	if err != nil {
		return v1.Hash{}, err
	}
	cd, err := w.blob(cfg)
	if err != nil {
		return v1.Hash{}, err
	}
	m, err := json.Marshal(&v1.Manifest{SchemaVersion: 2, MediaType: types.OCIManifestSchema1,
		Config: v1.Descriptor{MediaType: types.OCIConfigJSON, Size: int64(len(cfg)), Digest: cd}, Layers: w.layers})
	if err != nil {
		return v1.Hash{}, err
	}
	md, err := w.blob(m)
	if err != nil {
		return v1.Hash{}, err
	}
	idx, err := json.Marshal(&v1.IndexManifest{SchemaVersion: 2, MediaType: types.OCIImageIndex,
		Manifests: []v1.Descriptor{{MediaType: types.OCIManifestSchema1, Size: int64(len(m)), Digest: md}}})
	if err != nil {
		return v1.Hash{}, err
	}
	if err := os.WriteFile(filepath.Join(w.Dir, "index.json"), idx, 0o644); err != nil {
		return v1.Hash{}, err
	}
	return md, os.WriteFile(filepath.Join(w.Dir, "oci-layout"), []byte(`{"imageLayoutVersion":"1.0.0"}`), 0o644)
}

func (w *LayoutWriter) blob(b []byte) (v1.Hash, error) {
	sum := sha256.Sum256(b)
	h := v1.Hash{Algorithm: "sha256", Hex: hex.EncodeToString(sum[:])}
	return h, os.WriteFile(filepath.Join(w.Dir, "blobs", "sha256", h.Hex), b, 0o644)
}

func hashOf(h hash.Hash) v1.Hash {
	return v1.Hash{Algorithm: "sha256", Hex: hex.EncodeToString(h.Sum(nil))}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
