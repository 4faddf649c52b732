package java

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

type zentry struct {
	name  string
	data  []byte
	store bool // uncompressed, as jar tools store nested archives
}

func buildZip(t testing.TB, entries ...zentry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		fw, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pomProps is a pom.properties as the Maven archiver writes it.
func pomProps(g, a, v string) zentry {
	return zentry{
		name: "META-INF/maven/" + g + "/" + a + "/pom.properties",
		data: []byte("#Created by Apache Maven 3.9.5\nartifactId=" + a + "\ngroupId=" + g + "\nversion=" + v + "\n"),
	}
}

func manifest(lines ...string) zentry {
	return zentry{name: "META-INF/MANIFEST.MF", data: []byte("Manifest-Version: 1.0\r\nCreated-By: Maven JAR Plugin 3.3.0\r\n" + strings.Join(lines, "\r\n") + "\r\n\r\n")}
}

// jar is a library jar with Maven metadata and a class.
func jar(t testing.TB, g, a, v string) []byte {
	return buildZip(t, manifest("Build-Jdk-Spec: 17"), pomProps(g, a, v),
		zentry{name: strings.ReplaceAll(g, ".", "/") + "/" + a + "/Main.class", data: []byte("\xca\xfe\xba\xbe\x00\x00\x00\x3d")})
}

// shopWar is a web application: its own metadata, and libraries stored,
// deflated, shaded, manifest-only, OSGi-only and broken.
func shopWar(t testing.TB) []byte {
	return buildZip(t,
		manifest("Implementation-Title: shop-web", "Implementation-Version: 2.3.0"),
		pomProps("com.example.shop", "shop-web", "2.3.0"),
		zentry{name: "WEB-INF/web.xml", data: []byte("<web-app/>")},
		zentry{name: "WEB-INF/classes/com/example/shop/App.class", data: []byte("\xca\xfe\xba\xbe")},
		zentry{name: "WEB-INF/lib/", data: nil},
		zentry{name: "WEB-INF/lib/jackson-databind-2.15.2.jar", data: jar(t, "com.fasterxml.jackson.core", "jackson-databind", "2.15.2"), store: true},
		zentry{name: "WEB-INF/lib/log4j-core-2.14.1.jar", data: jar(t, "org.apache.logging.log4j", "log4j-core", "2.14.1")},
		zentry{name: "WEB-INF/lib/app-all.jar", data: buildZip(t,
			pomProps("com.example", "app-all", "1.0.0"),
			pomProps("com.google.guava", "guava", "31.1-jre"),
		)},
		zentry{name: "WEB-INF/lib/commons-lang-2.6.jar", data: buildZip(t, manifest(
			"Implementation-Title: Commons Lang", "Implementation-Vendor: The Apache Software Foundation",
			"Implementation-Vendor-Id: commons-lang", "Implementation-Version: 2.6"))},
		zentry{name: "WEB-INF/lib/osgi-thing-1.4.0.jar", data: buildZip(t, manifest(
			"Bundle-ManifestVersion: 2", "Bundle-SymbolicName: org.example.osgi.thing;singleton:=tr",
			" ue", "Bundle-Version: 1.4.0"))},
		zentry{name: "WEB-INF/lib/plain-0.1.jar", data: buildZip(t, manifest("Build-Jdk-Spec: 17"))},
		zentry{name: "WEB-INF/lib/broken.jar", data: []byte("PK\x03\x04 this is not a jar")},
	)
}

func extractArchive(t testing.TB, path string, data []byte, readerAt bool) ([]vouch.Package, error) {
	t.Helper()
	f := &extractor.File{Path: path, Size: int64(len(data)), Reader: bytes.NewReader(data)}
	if readerAt {
		f.ReaderAt = bytes.NewReader(data)
	}
	return archiveExtractor{}.Extract(context.Background(), f)
}

// locs is "name@version location" per package.
func locs(pkgs []vouch.Package) []string {
	var out []string
	for _, p := range pkgs {
		s := p.Name + "@" + p.Version + " " + p.Locations[0].Path
		if p.Metadata[metaNameSource] != "" {
			s += " (" + p.Metadata[metaNameSource] + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestArchiveWar(t *testing.T) {
	data := shopWar(t)
	want := []string{
		"com.example.shop:shop-web@2.3.0 shop.war",
		"com.fasterxml.jackson.core:jackson-databind@2.15.2 shop.war!/WEB-INF/lib/jackson-databind-2.15.2.jar",
		"org.apache.logging.log4j:log4j-core@2.14.1 shop.war!/WEB-INF/lib/log4j-core-2.14.1.jar",
		"com.example:app-all@1.0.0 shop.war!/WEB-INF/lib/app-all.jar",
		"com.google.guava:guava@31.1-jre shop.war!/WEB-INF/lib/app-all.jar",
		"commons-lang:commons-lang@2.6 shop.war!/WEB-INF/lib/commons-lang-2.6.jar (manifest)",
		"org.example.osgi:osgi-thing@1.4.0 shop.war!/WEB-INF/lib/osgi-thing-1.4.0.jar (manifest)",
	}
	for _, readerAt := range []bool{true, false} {
		pkgs, err := extractArchive(t, "shop.war", data, readerAt)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(locs(pkgs), "\n"); got != strings.Join(want, "\n") {
			t.Errorf("readerAt=%v: got\n%s\nwant\n%s", readerAt, got, strings.Join(want, "\n"))
		}
		for _, p := range pkgs {
			g, a, _ := strings.Cut(p.Name, ":")
			if p.Ecosystem != vouch.EcosystemMaven || p.PURL != fmt.Sprintf("pkg:maven/%s/%s@%s", g, a, p.Version) {
				t.Errorf("%s: %s %s", p.Name, p.Ecosystem, p.PURL)
			}
		}
		extractortest.Golden(t, filepath.Join("testdata", "golden", "archive-war.json"), pkgs)
	}
}

func TestArchiveEar(t *testing.T) {
	war := buildZip(t, pomProps("com.example", "web", "1.0"),
		zentry{name: "WEB-INF/lib/snakeyaml-1.33.jar", data: jar(t, "org.yaml", "snakeyaml", "1.33")})
	ear := buildZip(t, pomProps("com.example", "app-ear", "1.0"),
		zentry{name: "web.war", data: war, store: true},
		zentry{name: "lib/xstream-1.4.19.jar", data: jar(t, "com.thoughtworks.xstream", "xstream", "1.4.19")},
	)
	pkgs, err := extractArchive(t, "deploy/app.ear", ear, true)
	if err != nil {
		t.Fatal(err)
	}
	want := "com.example:app-ear@1.0 deploy/app.ear\n" +
		"com.example:web@1.0 deploy/app.ear!/web.war\n" +
		"org.yaml:snakeyaml@1.33 deploy/app.ear!/web.war!/WEB-INF/lib/snakeyaml-1.33.jar\n" +
		"com.thoughtworks.xstream:xstream@1.4.19 deploy/app.ear!/lib/xstream-1.4.19.jar"
	if got := strings.Join(locs(pkgs), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestArchiveNestingCap: archives nested deeper than maxNesting are not
// opened.
func TestArchiveNestingCap(t *testing.T) {
	data := jar(t, "g", fmt.Sprintf("level%d", maxNesting+2), "1")
	for i := maxNesting + 1; i >= 0; i-- {
		data = buildZip(t, pomProps("g", fmt.Sprintf("level%d", i), "1"), zentry{name: "lib/inner.jar", data: data})
	}
	pkgs, err := extractArchive(t, "outer.jar", data, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != maxNesting+1 {
		t.Errorf("got %d packages, want the outer archive and %d nested levels: %v", len(pkgs), maxNesting, locs(pkgs))
	}
}

func TestArchiveBombs(t *testing.T) {
	// A pom.properties that inflates to 8 MiB of comment is skipped.
	big := pomProps("g", "big", "1")
	big.data = append(bytes.Repeat([]byte("#"), 8<<20), big.data...)
	pkgs, err := extractArchive(t, "a.jar", buildZip(t, big, pomProps("g", "small", "1")), true)
	if err != nil || len(pkgs) != 1 || pkgs[0].Name != "g:small" {
		t.Errorf("oversized entry: %v %v", locs(pkgs), err)
	}

	t.Run("total bytes", func(t *testing.T) {
		defer func(n int) { maxTotalRead = n }(maxTotalRead)
		maxTotalRead = 3 << 20 // each nested jar inflates to over 1 MiB
		var entries []zentry
		for i := 0; i < 4; i++ {
			entries = append(entries, zentry{name: fmt.Sprintf("lib/l%d.jar", i), data: buildZip(t,
				zentry{name: "filler", data: bytes.Repeat([]byte{0}, 1<<20), store: true}, pomProps("g", fmt.Sprint(i), "1"))})
		}
		_, err := extractArchive(t, "bomb.war", buildZip(t, entries...), true)
		if err == nil || !strings.Contains(err.Error(), "read caps") {
			t.Errorf("err = %v, want the read cap", err)
		}
	})
	t.Run("entries", func(t *testing.T) {
		defer func(n int) { maxEntries = n }(maxEntries)
		maxEntries = 10
		var entries []zentry
		for i := 0; i < 11; i++ {
			entries = append(entries, zentry{name: fmt.Sprintf("f%d", i)})
		}
		_, err := extractArchive(t, "many.jar", buildZip(t, entries...), true)
		if err == nil || !strings.Contains(err.Error(), "archive has 11 entries") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("zip64 entry count", func(t *testing.T) {
		if testing.Short() {
			t.Skip("writes 70,000 entries")
		}
		defer func(n int) { maxEntries = n }(maxEntries)
		maxEntries = 65536
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		for i := 0; i < 70000; i++ {
			if _, err := w.CreateHeader(&zip.FileHeader{Name: fmt.Sprint(i), Method: zip.Store}); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		_, err := extractArchive(t, "zip64.jar", buf.Bytes(), true)
		if err == nil || !strings.Contains(err.Error(), "archive has 70000 entries") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestArchiveErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"not a zip", []byte("this is a text file named .jar")},
		{"empty", nil},
		{"truncated", shopWar(t)[:300]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extractArchive(t, "x.jar", tc.data, true)
			if err == nil || !strings.Contains(err.Error(), "open archive") {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func TestArchiveMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"a.jar": true, "b/c.WAR": true, "x.ear": true, "plugins/git.jpi": true, "plugins/old.hpi": true, "y.par": true,
		"a.jar.sha1": false, "a.zip": false, "jar": false,
	} {
		if got := (archiveExtractor{}).Match(p, 0); got != want {
			t.Errorf("Match(%q) = %v", p, got)
		}
	}
}

func TestSplitStem(t *testing.T) {
	for _, tc := range []struct{ stem, version, artifact, fileVersion string }{
		{"commons-lang-2.6", "", "commons-lang", "2.6"},
		{"commons-lang-2.6", "2.6", "commons-lang", "2.6"},
		{"log4j-1.2-api-2.17.1", "", "log4j-1.2-api", "2.17.1"},
		{"foo-1.0-SNAPSHOT", "", "foo", "1.0-SNAPSHOT"},
		{"plain", "", "plain", ""},
		{"x-3.0", "9.9", "x", "3.0"},
	} {
		a, v := splitStem(tc.stem, tc.version)
		if a != tc.artifact || v != tc.fileVersion {
			t.Errorf("splitStem(%q, %q) = %q %q", tc.stem, tc.version, a, v)
		}
	}
}

func FuzzArchive(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := extractArchive(t, "f.jar", data, true)
		if err != nil && len(pkgs) > 0 {
			t.Fatal("packages and an error")
		}
		for _, p := range pkgs {
			if p.Version == "" || !strings.Contains(p.Name, ":") || p.PURL == "" {
				t.Fatalf("incomplete package %+v", p)
			}
		}
	})
}

// TestWriteFuzzSeeds regenerates the archive seeds under -update.
func TestWriteFuzzSeeds(t *testing.T) {
	if !extractortest.Update() {
		t.Skip("run with -update to rewrite testdata/fuzz/FuzzArchive")
	}
	seeds := map[string][]byte{
		"jar":          jar(t, "org.example", "lib", "1.0"),
		"manifest-jar": buildZip(t, manifest("Implementation-Title: x", "Implementation-Version: 2.0")),
		"war-nested": buildZip(t, pomProps("g", "w", "1"),
			zentry{name: "WEB-INF/lib/a-1.jar", data: jar(t, "g", "a", "1"), store: true},
			zentry{name: "WEB-INF/lib/b-2.jar", data: buildZip(t, manifest("Bundle-SymbolicName: g.b", "Bundle-Version: 2"))}),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzArchive")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkArchive reads a war of 200 nested library jars, half stored
// and half deflated.
func BenchmarkArchive(b *testing.B) {
	var entries []zentry
	for i := 0; i < 200; i++ {
		lib := buildZip(b, manifest("Build-Jdk-Spec: 17"), pomProps("org.example.g"+fmt.Sprint(i%20), fmt.Sprintf("lib%d", i), "1.0."+fmt.Sprint(i)),
			zentry{name: "org/example/A.class", data: bytes.Repeat([]byte("classbytes"), 2000)})
		entries = append(entries, zentry{name: fmt.Sprintf("WEB-INF/lib/lib%d-1.0.%d.jar", i, i), data: lib, store: i%2 == 0})
	}
	data := buildZip(b, entries...)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		pkgs, err := extractArchive(b, "app.war", data, true)
		if err != nil || len(pkgs) != 200 {
			b.Fatal(err, len(pkgs))
		}
	}
}
