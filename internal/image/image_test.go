package image_test

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/compression"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/vouch-dev/vouch/internal/image"
	it "github.com/vouch-dev/vouch/internal/image/imagetest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func init() {
	// Keep the developer's docker credentials out of the tests.
	os.Setenv("DOCKER_CONFIG", os.TempDir()+"/vouch-image-test-no-docker-config")
}

// baseImage is a small two-layer image used by several tests.
func baseImage(t *testing.T, platform string) v1.Image {
	return it.Image(t, platform,
		it.Layer(t, it.Dir("etc"), it.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"), it.File("etc/hostname", "a\n")),
		it.Layer(t, it.Dir("app"), it.File("app/main", "binary "+platform)),
	)
}

// walkAll returns "layer:type:path" for every entry, and the contents of
// regular files by path.
func walkAll(t *testing.T, im *image.Image) ([]string, map[string]string) {
	t.Helper()
	var got []string
	bodies := map[string]string{}
	err := im.Walk(context.Background(), func(layer int, e *image.Entry) error {
		got = append(got, fmt.Sprintf("%d:%s:%s", layer, e.Type, e.Path))
		if e.Type == image.TypeRegular {
			b, err := io.ReadAll(e.Reader)
			if err != nil {
				return err
			}
			bodies[e.Path] = string(b)
		} else if e.Reader != nil {
			t.Errorf("%s %s has a Reader", e.Type, e.Path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, bodies
}

func open(t *testing.T, ref string, opts image.Options) *image.Image {
	t.Helper()
	im, err := image.Open(context.Background(), ref, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { im.Close() })
	return im
}

// checkIdentity compares an opened image with the image it was built from.
func checkIdentity(t *testing.T, im *image.Image, img v1.Image, wantDigest bool) {
	t.Helper()
	if wantDigest {
		if d := it.Digest(t, img); im.Digest.String() != d.String() {
			t.Errorf("digest %s, want %s", im.Digest, d)
		}
	}
	layers, _ := img.Layers()
	if len(im.Layers) != len(layers) {
		t.Fatalf("%d layers, want %d", len(im.Layers), len(layers))
	}
	for i, l := range layers {
		diff, _ := l.DiffID()
		if im.Layers[i].DiffID.String() != diff.String() {
			t.Errorf("layer %d diff id %s, want %s", i, im.Layers[i].DiffID, diff)
		}
	}
}

func TestOpenEverySource(t *testing.T) {
	img := baseImage(t, "linux/amd64")
	want := []string{"0:dir:etc", "0:regular:etc/os-release", "0:regular:etc/hostname", "1:dir:app", "1:regular:app/main"}
	layoutDir := it.WriteLayout(t, img)
	ociTar := filepath.Join(t.TempDir(), "oci.tar")
	it.TarDir(t, layoutDir, ociTar)
	host := it.Serve(t, it.Registry())
	it.Push(t, host+"/team/app:1.0", img)
	ggcrTar := filepath.Join(t.TempDir(), "ggcr.tar")
	if err := tarball.WriteToFile(ggcrTar, nil, img); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, ref  string
		source     image.Source
		wantDigest bool
	}{
		{"oci layout", layoutDir, image.SourceOCILayout, true},
		{"oci layout by prefix", "oci-layout:" + layoutDir, image.SourceOCILayout, true},
		{"oci archive", ociTar, image.SourceOCIArchive, true},
		{"registry", host + "/team/app:1.0", image.SourceRegistry, true},
		{"registry by prefix", "registry:" + host + "/team/app:1.0", image.SourceRegistry, true},
		{"registry by digest", host + "/team/app@" + it.Digest(t, img).String(), image.SourceRegistry, true},
		{"docker archive", it.DockerArchive(t, img, "team/app:1.0"), image.SourceDockerArchive, false},
		{"docker archive, compressed layers", ggcrTar, image.SourceDockerArchive, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := open(t, tc.ref, image.Options{})
			if im.Source != tc.source || im.Platform != "linux/amd64" || im.Ref != tc.ref {
				t.Errorf("source %s platform %s ref %s", im.Source, im.Platform, im.Ref)
			}
			checkIdentity(t, im, img, tc.wantDigest)
			if !tc.wantDigest {
				// A legacy docker archive has no manifest: its digest is the image ID.
				cfg, _ := img.ConfigName()
				if im.Digest.String() != cfg.String() {
					t.Errorf("digest %s, want the image id %s", im.Digest, cfg)
				}
			}
			got, bodies := walkAll(t, im)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("entries\n got %v\nwant %v", got, want)
			}
			if bodies["app/main"] != "binary linux/amd64" {
				t.Errorf("app/main = %q", bodies["app/main"])
			}
			if tc.source == image.SourceRegistry && !strings.Contains(im.Resolved, "@sha256:") {
				t.Errorf("resolved %s names no digest", im.Resolved)
			}
		})
	}
}

// TestDocker25Archive: Docker 25 writes an OCI layout and a manifest.json
// into one archive; the OCI index wins, so the digest is the manifest's.
func TestDocker25Archive(t *testing.T) {
	img := baseImage(t, "linux/amd64")
	dir := it.WriteLayout(t, img)
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`[{"Config":"x","Layers":[]}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "docker25.tar")
	it.TarDir(t, dir, file)
	im := open(t, file, image.Options{})
	if im.Source != image.SourceDockerArchive {
		t.Errorf("source %s", im.Source)
	}
	checkIdentity(t, im, img, true)
}

func TestPlatformSelection(t *testing.T) {
	amd, arm := baseImage(t, "linux/amd64"), baseImage(t, "linux/arm64/v8")
	// buildkit adds attestation manifests marked unknown/unknown.
	att := mutate.Annotations(baseImage(t, "linux/amd64"), nil).(v1.Image)
	idx := mutate.AppendManifests(it.Index(t, amd, arm), mutate.IndexAddendum{Add: att, Descriptor: v1.Descriptor{
		Platform:    &v1.Platform{OS: "unknown", Architecture: "unknown"},
		Annotations: map[string]string{"vnd.docker.reference.type": "attestation-manifest"},
	}})
	host := it.Serve(t, it.Registry())
	it.Push(t, host+"/multi:latest", idx)
	refs := map[string]string{
		"registry":   host + "/multi:latest",
		"oci layout": it.WriteLayoutIndex(t, idx),
	}
	for name, ref := range refs {
		t.Run(name, func(t *testing.T) {
			for _, tc := range []struct {
				platform string
				want     v1.Image
			}{
				{"", amd},
				{"linux/amd64", amd},
				{"linux/arm64", arm},
				{"linux/arm64/v8", arm},
			} {
				im := open(t, ref, image.Options{Platform: tc.platform})
				checkIdentity(t, im, tc.want, true)
			}
			_, err := image.Open(context.Background(), ref, image.Options{Platform: "linux/s390x"})
			var ie *vouch.InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), "no image for platform linux/s390x") ||
				!strings.Contains(err.Error(), "linux/amd64, linux/arm64/v8") || !strings.Contains(ie.Hint, "--platform") {
				t.Errorf("unknown platform: %v", err)
			}
		})
	}
	// An index with one image resolves to it whatever the platform asked.
	one := it.WriteLayoutIndex(t, it.Index(t, arm))
	im := open(t, one, image.Options{Platform: "linux/amd64"})
	if im.Platform != "linux/arm64/v8" {
		t.Errorf("single-image index: platform %s", im.Platform)
	}
}

// basicAuth demands a user and password before it lets a request through.
func basicAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "ci" || p != "s3cret" {
			w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func TestRegistryErrors(t *testing.T) {
	reg := it.Registry()
	host := it.Serve(t, reg)
	it.Push(t, host+"/private/app:1", baseImage(t, "linux/amd64"))
	authed := it.Serve(t, basicAuth(reg))
	hang := it.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	artifact := mutate.MediaType(mutate.ConfigMediaType(
		must(mutate.AppendLayers(empty.Image, static.NewLayer([]byte("chart"), "application/vnd.cncf.helm.chart.content.v1.tar+gzip"))),
		"application/vnd.cncf.helm.config.v1+json"), types.OCIManifestSchema1)
	it.Push(t, host+"/charts/app:1", artifact)

	for _, tc := range []struct {
		name, ref string
		opts      image.Options
		want      string
		hint      string
	}{
		{"no credentials", authed + "/private/app:1", image.Options{}, "authentication required", "docker login"},
		{"wrong credentials", authed + "/private/app:1", image.Options{Username: "ci", Password: "nope"}, "authentication required", "--username"},
		{"unknown tag", host + "/private/app:2", image.Options{}, "not found", "tag"},
		{"unknown repository", host + "/nobody/here:1", image.Options{}, "not found", ""},
		{"silent registry", hang + "/a/b:1", image.Options{Timeout: 300 * time.Millisecond}, "timed out", "--timeout"},
		{"helm chart", host + "/charts/app:1", image.Options{}, "not a container image", ""},
		{"bad reference", "UPPER/Case::x", image.Options{}, "not a file, an OCI layout or an image reference", ""},
		{"missing file", "./no/such/image.tar", image.Options{}, "no such file", "registry:"},
		{"bad platform", host + "/private/app:1", image.Options{Platform: "linux"}, "platform", "linux/arm64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := image.Open(context.Background(), tc.ref, tc.opts)
			var ie *vouch.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want an InputError", err, err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(ie.Hint, tc.hint) {
				t.Errorf("error %q hint %q, want %q and hint %q", err, ie.Hint, tc.want, tc.hint)
			}
			if !strings.Contains(err.Error(), tc.ref) && tc.name != "bad platform" {
				t.Errorf("error %q does not name %s", err, tc.ref)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
		})
	}
	// The right credentials get through.
	im := open(t, authed+"/private/app:1", image.Options{Username: "ci", Password: "s3cret"})
	if got, _ := walkAll(t, im); len(got) != 5 {
		t.Errorf("entries %v", got)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestLocalErrors(t *testing.T) {
	notLayout := t.TempDir()
	gz := filepath.Join(t.TempDir(), "image.tar.gz")
	os.WriteFile(gz, []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0}, 0o644)
	plainTar := filepath.Join(t.TempDir(), "files.tar")
	os.WriteFile(plainTar, it.Tar(it.File("hello.txt", "hi")), 0o644)
	img := baseImage(t, "linux/amd64")
	full := it.DockerArchive(t, img, "x:1")
	b, _ := os.ReadFile(full)
	truncated := filepath.Join(t.TempDir(), "truncated.tar")
	os.WriteFile(truncated, b[:len(b)/2], 0o644)
	for _, tc := range []struct{ name, ref, want string }{
		{"directory without oci-layout", notLayout, "not an OCI image layout"},
		{"gzipped archive", gz, "compressed archive"},
		{"tar of files", plainTar, "not an image"},
		{"truncated archive", truncated, "truncated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := image.Open(context.Background(), tc.ref, image.Options{})
			var ie *vouch.InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want an InputError containing %q", err, tc.want)
			}
		})
	}
}

// layoutBlob returns the path of layer i's blob in a layout.
func layoutBlob(t *testing.T, dir string, img v1.Image, i int) string {
	layers, _ := img.Layers()
	d, _ := layers[i].Digest()
	return filepath.Join(dir, "blobs", d.Algorithm, d.Hex)
}

func TestCorruptLayers(t *testing.T) {
	img := baseImage(t, "linux/amd64")
	for _, tc := range []struct {
		name   string
		mangle func(b []byte) []byte
		want   string
	}{
		{"flipped byte", func(b []byte) []byte { b[len(b)/2] ^= 0xff; return b }, "layer sha256:"},
		{"truncated blob", func(b []byte) []byte { return b[:len(b)/2] }, "blob sha256:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := it.WriteLayout(t, img)
			blob := layoutBlob(t, dir, img, 1)
			b, err := os.ReadFile(blob)
			if err != nil {
				t.Fatal(err)
			}
			os.Chmod(blob, 0o644)
			if err := os.WriteFile(blob, tc.mangle(b), 0o644); err != nil {
				t.Fatal(err)
			}
			im := open(t, dir, image.Options{})
			err = im.Walk(context.Background(), func(int, *image.Entry) error { return nil })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("walk error %v, want %q", err, tc.want)
			}
		})
	}
	// A docker archive's uncompressed layer is checked against its DiffID.
	file := it.DockerArchive(t, img, "x:1")
	b, _ := os.ReadFile(file)
	i := bytes.Index(b, []byte("binary linux/amd64"))
	b[i] = 'B'
	os.WriteFile(file, b, 0o644)
	im := open(t, file, image.Options{})
	err := im.Walk(context.Background(), func(int, *image.Entry) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "does not match its digest") {
		t.Errorf("tampered docker archive: %v", err)
	}
}

func TestSquash(t *testing.T) {
	img := it.Image(t, "linux/amd64",
		it.Layer(t,
			it.File("a/x", "1"), it.File("a/y", "1"), it.File("b/z", "1"),
			it.File("c/d/e", "1"), it.File("c/keep", "1"), it.Dir("f"), it.File("f/g", "1"),
			it.File("h", "file"), it.File("i/j", "1"),
		),
		it.Layer(t,
			it.Whiteout("a/x"),               // one file
			it.Whiteout("b"),                 // a whole directory
			it.Opaque("c"),                   // everything lower in c ...
			it.File("c/new", "2"),            // ... but not what this layer adds
			it.File("f", "now a file"),       // a file over a directory hides it
			it.Dir("h"), it.File("h/k", "2"), // a directory over a file
			it.Symlink("i/j", "/etc/passwd"), // a symlink over a file
		),
		it.Layer(t, it.File("a/x", "3")), // deleted, then written again
	)
	im := open(t, it.WriteLayout(t, img), image.Options{})
	files, err := im.Squash(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, fmt.Sprintf("%s:%s@%d", f.Path, f.Type, f.Layer))
	}
	want := "a/x:regular@2 a/y:regular@0 c/new:regular@1 f:regular@1 h:dir@1 h/k:regular@1 i/j:symlink@1"
	if strings.Join(got, " ") != want {
		t.Errorf("final view\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestOverlaySameLayer(t *testing.T) {
	// A whiteout never hides what its own layer writes, in either order.
	var ov image.Overlay[string]
	ov.Put(1, "d/a", false, "same layer")
	ov.Put(0, "d/b", false, "lower")
	ov.Apply(1, &image.Entry{Path: "d", Type: image.TypeOpaque})
	ov.Apply(1, &image.Entry{Path: "d/a", Type: image.TypeWhiteout})
	if _, _, ok := ov.Get("d/a"); !ok {
		t.Error("same-layer whiteout removed d/a")
	}
	if _, _, ok := ov.Get("d/b"); ok {
		t.Error("opaque directory kept a lower file")
	}
	ov.Apply(2, &image.Entry{Path: ".", Type: image.TypeOpaque})
	if ov.Len() != 0 {
		t.Errorf("opaque root kept %d values", ov.Len())
	}
}

// rawLayer builds a layer from exact tar headers, for names a well-behaved
// writer would refuse.
func rawLayer(t *testing.T, hdrs ...*tar.Header) v1.Layer {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, h := range hdrs {
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(h.Name))
		}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			io.WriteString(tw, h.Name)
		}
	}
	tw.Close()
	return it.LayerFromTar(t, buf.Bytes(), compression.GZip)
}

func TestHostileEntries(t *testing.T) {
	img := it.Image(t, "linux/amd64", rawLayer(t,
		&tar.Header{Name: "../../etc/passwd", Typeflag: tar.TypeReg},
		&tar.Header{Name: "a/../../escape", Typeflag: tar.TypeReg},
		&tar.Header{Name: "/etc/shadow", Typeflag: tar.TypeReg},
		&tar.Header{Name: "./ok/../fine", Typeflag: tar.TypeReg},
		&tar.Header{Name: "//double//slash", Typeflag: tar.TypeReg},
		&tar.Header{Name: "./", Typeflag: tar.TypeDir},
		&tar.Header{Name: "evil", Typeflag: tar.TypeSymlink, Linkname: "../../../../etc/passwd"},
		&tar.Header{Name: "hard-out", Typeflag: tar.TypeLink, Linkname: "../../etc/passwd"},
		&tar.Header{Name: "hard-in", Typeflag: tar.TypeLink, Linkname: "/etc/shadow"},
		&tar.Header{Name: "dev/null", Typeflag: tar.TypeChar, Devmajor: 1, Devminor: 3},
		&tar.Header{Name: "dev/sda", Typeflag: tar.TypeBlock},
		&tar.Header{Name: "run/fifo", Typeflag: tar.TypeFifo},
		&tar.Header{Name: "x/.wh..wh.plnk", Typeflag: tar.TypeReg},
		&tar.Header{Name: "x/.wh...", Typeflag: tar.TypeReg},
		&tar.Header{Name: "../.wh.etc", Typeflag: tar.TypeReg},
	))
	im := open(t, it.WriteLayout(t, img), image.Options{})
	var got []string
	err := im.Walk(context.Background(), func(_ int, e *image.Entry) error {
		got = append(got, fmt.Sprintf("%s:%s>%s", e.Type, e.Path, e.Linkname))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "regular:etc/shadow> regular:fine> regular:double/slash> symlink:evil>../../../../etc/passwd hardlink:hard-in>etc/shadow"
	if strings.Join(got, " ") != want {
		t.Errorf("entries\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestLimits(t *testing.T) {
	zeros := strings.Repeat("\x00", 32<<20) // 32 MiB that gzip turns into ~32 KiB
	bomb := it.Image(t, "linux/amd64", it.Layer(t, it.File("a", "small"), it.File("zeros", zeros)))
	dir := it.WriteLayout(t, bomb)
	layers, _ := bomb.Layers()
	size, _ := layers[0].Size()
	if size > 1<<20 {
		t.Fatalf("layer of %d bytes does not make a bomb", size)
	}
	digest, _ := layers[0].Digest()

	t.Run("image size", func(t *testing.T) {
		im := open(t, dir, image.Options{MaxImageSize: 8 << 20})
		err := im.Walk(context.Background(), func(int, *image.Entry) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "layer "+digest.String()+": decompressed size exceeds") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("image size while reading", func(t *testing.T) {
		// The budget counts what the decompressor yields, not only what
		// headers declare.
		im := open(t, dir, image.Options{MaxImageSize: 32 << 20})
		err := im.Walk(context.Background(), func(_ int, e *image.Entry) error {
			if e.Reader != nil {
				_, err := io.Copy(io.Discard, e.Reader)
				return err
			}
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "decompressed size exceeds the limit") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("entry size", func(t *testing.T) {
		im := open(t, dir, image.Options{MaxEntrySize: 1 << 20})
		var readErr error
		var seen []string
		err := im.Walk(context.Background(), func(_ int, e *image.Entry) error {
			seen = append(seen, e.Path)
			if e.Path == "zeros" {
				n, err := io.Copy(io.Discard, e.Reader)
				if n != 1<<20 {
					t.Errorf("read %d bytes before the cap", n)
				}
				readErr = err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !errors.Is(readErr, image.ErrEntryTooLarge) || len(seen) != 2 {
			t.Errorf("read error %v, entries %v", readErr, seen)
		}
	})
	t.Run("entry count", func(t *testing.T) {
		im := open(t, dir, image.Options{MaxEntries: 1})
		err := im.Walk(context.Background(), func(int, *image.Entry) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "more than 1 entries") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("skip all and visitor errors", func(t *testing.T) {
		im := open(t, dir, image.Options{})
		n := 0
		err := im.Walk(context.Background(), func(int, *image.Entry) error { n++; return fs.SkipAll })
		if err != nil || n != 1 {
			t.Errorf("SkipAll: %v after %d entries", err, n)
		}
		boom := errors.New("boom")
		if err := im.Walk(context.Background(), func(int, *image.Entry) error { return boom }); err != boom {
			t.Errorf("visitor error came back as %v", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		im := open(t, dir, image.Options{})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := im.Walk(ctx, func(int, *image.Entry) error { return nil }); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v", err)
		}
	})
}

func TestZstdLayer(t *testing.T) {
	img := it.Image(t, "linux/amd64", it.LayerFromTar(t, it.Tar(it.File("z/file", "zstd body")), compression.ZStd))
	im := open(t, it.WriteLayout(t, img), image.Options{})
	if im.Layers[0].MediaType != string(types.OCILayerZStd) {
		t.Errorf("media type %s", im.Layers[0].MediaType)
	}
	if _, bodies := walkAll(t, im); bodies["z/file"] != "zstd body" {
		t.Errorf("bodies %v", bodies)
	}
}

// A tag is resolved once: pushing another image to it after Open changes
// nothing about the opened image.
func TestTagResolvedOnce(t *testing.T) {
	host := it.Serve(t, it.Registry())
	first, second := baseImage(t, "linux/amd64"), it.Image(t, "linux/amd64", it.Layer(t, it.File("other", "x")))
	it.Push(t, host+"/app:latest", first)
	im := open(t, host+"/app:latest", image.Options{})
	it.Push(t, host+"/app:latest", second)
	checkIdentity(t, im, first, true)
	if got, _ := walkAll(t, im); len(got) != 5 {
		t.Errorf("walked %v, want the first image's entries", got)
	}
}
