package inventory_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/ospkg"
	"github.com/vouch-dev/vouch/internal/image"
	it "github.com/vouch-dev/vouch/internal/image/imagetest"
	"github.com/vouch-dev/vouch/internal/inventory"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

var updateImage = flag.Bool("update-image", false, "rewrite the image inventory golden files")

// pins is a test-only format: "*.pins" files of "name version" lines, "#"
// comments. "panic.pins" makes the extractor panic. It insists on the
// File fields an image walk owes it.
type pins struct{}

func (pins) Name() string                       { return "test/pins" }
func (pins) Match(p string, _ fs.FileMode) bool { return strings.HasSuffix(p, ".pins") }
func (pins) Extract(_ context.Context, f *extractor.File) ([]vouch.Package, error) {
	if f.ReaderAt == nil || f.Layer == "" || f.Reader == nil {
		return nil, errors.New("file without ReaderAt or Layer")
	}
	if filepath.Base(f.Path) == "panic.pins" {
		panic("pins: boom")
	}
	var out []vouch.Package
	sc := bufio.NewScanner(f.Reader)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, version, ok := strings.Cut(line, " ")
		if !ok {
			return out, fmt.Errorf("line %d: want name and version", n)
		}
		out = append(out, vouch.Package{
			Ecosystem: vouch.EcosystemNPM, Name: name, Version: version,
			PURL:      purl.For(vouch.EcosystemNPM, name, version, nil),
			Locations: []vouch.Location{{Path: f.Path, Line: n, Layer: f.Layer}},
		})
	}
	return out, sc.Err()
}

func testExtractors() []extractor.Extractor {
	return append(ospkg.Extractors(), pins{})
}

const debianOSRelease = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
`

// stanza is one installed package of a dpkg status file.
func stanza(name, version, source string) string {
	s := "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\n"
	if source != "" {
		s += "Source: " + source + "\n"
	}
	return s + "Version: " + version + "\nDescription: " + name + "\n package " + name + "\n\n"
}

// debianImage is a three-layer Debian image whose layers install, upgrade,
// delete and replace packages.
func debianImage(t *testing.T) v1.Image {
	big := strings.Repeat("# padding to push this file past the in-memory spool\n", 6<<20/54) + "big 1.0.0\n"
	return it.Image(t, "linux/amd64",
		it.Layer(t,
			it.Dir("etc"), it.Symlink("etc/os-release", "../usr/lib/os-release"),
			it.File("usr/lib/os-release", debianOSRelease),
			it.File("var/lib/dpkg/status",
				stanza("base-files", "12.4+deb12u5", "")+
					stanza("libc6", "2.36-9+deb12u4", "glibc")+
					stanza("zlib1g", "1:1.2.13.dfsg-1", "zlib")),
			it.File("app/old.pins", "left-pad 1.0.0\n"),
			it.File("opt/x/a.pins", "a 1.0.0\n"),
			it.File("srv/keep.pins", "kept 1.0.0\n"),
		),
		it.Layer(t,
			// apt-get install curl, and an upgrade of libc6
			it.File("var/lib/dpkg/status",
				stanza("base-files", "12.4+deb12u5", "")+
					stanza("curl", "7.88.1-10+deb12u5", "")+
					stanza("libc6", "2.36-9+deb12u7", "glibc")+
					stanza("zlib1g", "1:1.2.13.dfsg-1", "zlib")),
			it.Whiteout("app/old.pins"),
			it.Opaque("opt"),
			it.File("opt/y/b.pins", "b 2.0.0\n"),
			it.File("broken.pins", "no-version-here\n"),
			it.File("panic.pins", "x 1\n"),
		),
		it.Layer(t,
			it.File("var/lib/dpkg/status.d/tzdata", "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n"),
			it.File("big.pins", big),
		),
	)
}

func scanImage(t *testing.T, ref string, opts inventory.Options) (*vouch.Inventory, []error) {
	t.Helper()
	im, err := image.Open(context.Background(), ref, image.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Close()
	if opts.Extractors == nil {
		opts.Extractors = testExtractors()
	}
	inv, errs, err := inventory.Image(context.Background(), im, opts)
	if err != nil {
		t.Fatal(err)
	}
	return inv, errs
}

func TestImage(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // to see that spools are removed
	img := debianImage(t)
	layers, _ := img.Layers()
	var ld []string
	for _, l := range layers {
		d, _ := l.Digest()
		ld = append(ld, d.String())
	}
	dir := it.WriteLayout(t, img)
	inv, errs := scanImage(t, dir, inventory.Options{Workers: 2})

	if inv.Target.Kind != vouch.TargetImage || inv.Target.Name != dir || inv.Target.Digest.String() != it.Digest(t, img).String() ||
		inv.Target.Platform != "linux/amd64" || strings.Join(inv.Target.Layers, " ") != strings.Join(ld, " ") {
		t.Errorf("target %+v", inv.Target)
	}
	if inv.Distro == nil || inv.Distro.ID != "debian" || inv.Distro.VersionID != "12" {
		t.Errorf("distro %+v, want Debian 12 read through the etc/os-release symlink", inv.Distro)
	}
	got := map[string]string{}
	for _, p := range inv.Packages {
		if len(p.Locations) != 1 {
			t.Errorf("%s: locations %v", p.Name, p.Locations)
			continue
		}
		got[p.Name+"@"+p.Version] = p.Locations[0].Layer
	}
	want := map[string]string{
		"base-files@12.4+deb12u5":    ld[0], // rewritten by layer 1, introduced by layer 0
		"zlib1g@1:1.2.13.dfsg-1":     ld[0],
		"libc6@2.36-9+deb12u7":       ld[1], // upgraded
		"curl@7.88.1-10+deb12u5":     ld[1],
		"tzdata@2024a-0+deb12u1":     ld[2],
		"kept@1.0.0":                 ld[0],
		"b@2.0.0":                    ld[1], // same layer as the opaque marker
		"big@1.0.0":                  ld[2],
		"no-version-here@":           "", // (never: the file fails to parse)
		"left-pad@1.0.0 (whiteout)":  "", // (never)
		"a@1.0.0 (opaque directory)": "", // (never)
		"libc6@2.36-9+deb12u4 (old)": "", // (never)
	}
	for k, layer := range want {
		if layer == "" {
			if _, ok := got[strings.Fields(k)[0]]; ok {
				t.Errorf("%s is in the inventory", k)
			}
			continue
		}
		if got[k] != layer {
			t.Errorf("%s: layer %q, want %q", k, got[k], layer)
		}
	}
	if len(got) != 8 {
		t.Errorf("packages %v", got)
	}
	for _, p := range inv.Packages {
		if p.Metadata[ospkg.MetaDB] == "dpkg" && (p.Ecosystem != vouch.EcosystemDebian || p.Distro != "debian:12" ||
			!strings.Contains(p.PURL, "distro=debian-12")) {
			t.Errorf("%s: %s %s %s", p.Name, p.Ecosystem, p.Distro, p.PURL)
		}
	}
	var msgs []string
	for _, err := range errs {
		var pe *extractor.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("error %T %v is not a ParseError", err, err)
		}
		msgs = append(msgs, err.Error())
	}
	sort.Strings(msgs)
	if len(msgs) != 2 || !strings.HasPrefix(msgs[0], "broken.pins: test/pins: line 1") ||
		!strings.HasPrefix(msgs[1], "panic.pins: test/pins: internal error: pins: boom") {
		t.Errorf("errors %q", msgs)
	}
	wantSources := "big.pins broken.pins opt/y/b.pins panic.pins srv/keep.pins var/lib/dpkg/status var/lib/dpkg/status.d/tzdata"
	if strings.Join(inv.Sources, " ") != wantSources {
		t.Errorf("sources %v", inv.Sources)
	}
	if left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "vouch-*")); len(left) > 0 {
		t.Errorf("spools left behind: %v", left)
	}
	golden(t, "testdata/image/debian.golden.json", inv)

	// The same image from a registry, walked on one worker, yields the same.
	host := it.Serve(t, it.Registry())
	it.Push(t, host+"/debian:test", img)
	again, _ := scanImage(t, host+"/debian:test", inventory.Options{Workers: 1})
	again.Target.Name = inv.Target.Name
	a, _ := json.Marshal(inv)
	b, _ := json.Marshal(again)
	if !bytes.Equal(a, b) {
		t.Errorf("registry scan differs:\n%s\n%s", a, b)
	}
}

// golden compares an inventory with a golden file, digests spelled as
// "<manifest>" and "<layer N>" so that the file does not change with the
// compressor's output.
func golden(t *testing.T, file string, inv *vouch.Inventory) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(inv); err != nil {
		t.Fatal(err)
	}
	pairs := []string{inv.Target.Name, "<ref>", inv.Target.Digest.String(), "<manifest>"}
	for i, l := range inv.Target.Layers {
		pairs = append(pairs, l, fmt.Sprintf("<layer %d>", i))
	}
	buf = *bytes.NewBufferString(strings.NewReplacer(pairs...).Replace(buf.String()))
	if *updateImage {
		os.MkdirAll(filepath.Dir(file), 0o755)
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test -update-image writes it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s differs (go test -update-image rewrites it); got:\n%s", file, buf.Bytes())
	}
}

func TestImageDistroFallbacks(t *testing.T) {
	apk := "P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\n"
	bdb, err := os.ReadFile("../extractor/ospkg/testdata/rpm/bdb/Packages")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		layers [][]it.Entry
		distro string
		want   []string // ecosystem distro purl
	}{
		{"alpine-release without os-release", [][]it.Entry{{
			it.File("etc/alpine-release", "3.19.1\n"), it.File("lib/apk/db/installed", apk),
		}}, "alpine 3.19.1", []string{
			"Alpine alpine:3.19 pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl",
			"Alpine alpine:3.19 pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1",
		}},
		{"os-release deleted by a later layer", [][]it.Entry{
			{it.File("etc/os-release", "ID=alpine\nVERSION_ID=3.18.0\n"), it.File("lib/apk/db/installed", apk)},
			{it.Whiteout("etc/os-release")},
		}, "", []string{
			"Alpine  pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&upstream=openssl",
			"Alpine  pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64",
		}},
		{"rpm database under a symlinked var/lib/rpm", [][]it.Entry{{
			it.File("usr/lib/os-release", "ID=\"rocky\"\nVERSION_ID=\"8.9\"\n"),
			it.Symlink("etc/os-release", "/usr/lib/os-release"),
			it.Symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm"),
			it.File("usr/lib/sysimage/rpm/Packages", string(bdb)),
		}}, "rocky 8.9", []string{
			"Rocky Linux rocky:8.9 pkg:rpm/rocky/libuuid@2.32.1-42.el8_8?arch=x86_64&distro=rocky-8.9&upstream=util-linux",
		}},
		{"debian_version, a symlink escaping the root", [][]it.Entry{{
			it.File("etc/debian_version", "11.9\n"),
			it.Symlink("etc/os-release", "../../../../etc/shadow"),
			it.File("var/lib/dpkg/status", stanza("bash", "5.1-2+deb11u1", "")),
		}}, "debian 11", []string{
			"Debian debian:11 pkg:deb/debian/bash@5.1-2%2Bdeb11u1?arch=amd64&distro=debian-11",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var layers []v1.Layer
			for _, l := range tc.layers {
				layers = append(layers, it.Layer(t, l...))
			}
			inv, errs := scanImage(t, it.WriteLayout(t, it.Image(t, "linux/amd64", layers...)), inventory.Options{})
			if len(errs) > 0 {
				t.Errorf("errors %v", errs)
			}
			d := ""
			if inv.Distro != nil {
				d = inv.Distro.ID + " " + inv.Distro.VersionID
			}
			if d != tc.distro {
				t.Errorf("distro %q, want %q", d, tc.distro)
			}
			var got []string
			for _, p := range inv.Packages {
				got = append(got, string(p.Ecosystem)+" "+p.Distro+" "+p.PURL)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("packages\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

func TestImageBroken(t *testing.T) {
	img := debianImage(t)
	dir := it.WriteLayout(t, img)
	layers, _ := img.Layers()
	d, _ := layers[1].Digest()
	blob := filepath.Join(dir, "blobs", d.Algorithm, d.Hex)
	b, _ := os.ReadFile(blob)
	b[len(b)-100] ^= 0xff
	os.Chmod(blob, 0o644)
	if err := os.WriteFile(blob, b, 0o644); err != nil {
		t.Fatal(err)
	}
	im, err := image.Open(context.Background(), dir, image.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Close()
	inv, errs, err := inventory.Image(context.Background(), im, inventory.Options{Extractors: testExtractors()})
	if err == nil || inv != nil || errs != nil || !strings.Contains(err.Error(), "layer "+d.String()) {
		t.Errorf("inventory %v, errors %v, error %v", inv, errs, err)
	}
	// A limit hit mid-file is the image's error too, not the file's.
	im2, err := image.Open(context.Background(), it.WriteLayout(t, img), image.Options{MaxImageSize: 2 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer im2.Close()
	if _, _, err := inventory.Image(context.Background(), im2, inventory.Options{Extractors: testExtractors()}); err == nil ||
		!strings.Contains(err.Error(), "decompressed size exceeds") {
		t.Errorf("error %v", err)
	}
}

func TestImageCancelled(t *testing.T) {
	im, err := image.Open(context.Background(), it.WriteLayout(t, debianImage(t)), image.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := inventory.Image(ctx, im, inventory.Options{Extractors: testExtractors()}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
}

// Reading every spooled file must not depend on the order extractors
// read: both extractors of one file get the whole file.
func TestImageTwoExtractorsOneFile(t *testing.T) {
	img := it.Image(t, "linux/amd64", it.Layer(t, it.File("x.pins", "one 1\ntwo 2\n")))
	inv, errs := scanImage(t, it.WriteLayout(t, img), inventory.Options{Extractors: []extractor.Extractor{pins{}, countBytes{}}})
	if len(errs) > 0 || len(inv.Packages) != 3 {
		t.Fatalf("packages %v, errors %v", inv.Packages, errs)
	}
}

// countBytes yields one package whose version is the file's length, read
// through Reader, checked against ReaderAt.
type countBytes struct{}

func (countBytes) Name() string                       { return "test/count" }
func (countBytes) Match(p string, _ fs.FileMode) bool { return true }
func (countBytes) Extract(_ context.Context, f *extractor.File) ([]vouch.Package, error) {
	b, err := io.ReadAll(f.Reader)
	if err != nil {
		return nil, err
	}
	c := make([]byte, f.Size)
	if _, err := f.ReaderAt.ReadAt(c, 0); err != nil || !bytes.Equal(b, c) || int64(len(b)) != f.Size {
		return nil, fmt.Errorf("reader and readerAt disagree: %q %q %v", b, c, err)
	}
	v := fmt.Sprint(len(b))
	return []vouch.Package{{Ecosystem: "generic", Name: "bytes", Version: v, PURL: "pkg:generic/bytes@" + v}}, nil
}

// ExcludePaths apply to an image's files, relative to its root: excluded
// files are not extracted, OnExclude names the top-most excluded path,
// and the release file still names the distribution.
func TestImageExcludePaths(t *testing.T) {
	dir := it.WriteLayout(t, debianImage(t))
	var excluded []string
	inv, _ := scanImage(t, dir, inventory.Options{
		ExcludePaths: []string{"/srv/", "*.pins", "usr/lib/"},
		OnExclude:    func(p string) { excluded = append(excluded, p) },
	})
	var got []string
	for _, p := range inv.Packages {
		if p.Ecosystem == vouch.EcosystemNPM {
			got = append(got, p.Name)
		}
	}
	if len(got) > 0 {
		t.Errorf("packages from excluded files: %v", got)
	}
	if len(inv.Packages) != 5 { // dpkg and tzdata
		t.Errorf("%d packages, want the 5 OS packages", len(inv.Packages))
	}
	if inv.Distro == nil || inv.Distro.ID != "debian" {
		t.Errorf("distro %+v: the release file is read even when excluded", inv.Distro)
	}
	sort.Strings(excluded)
	if g, w := strings.Join(excluded, " "), "app/old.pins big.pins broken.pins opt/x/a.pins opt/y/b.pins panic.pins srv"; g != w {
		t.Errorf("OnExclude heard %q, want %q", g, w)
	}
}
