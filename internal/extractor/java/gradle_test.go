package java

import (
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

func extractGradle(t *testing.T, path string, data []byte) ([]vouch.Package, error) {
	t.Helper()
	return gradleLockfile{}.Extract(context.Background(), &extractor.File{Path: path, Size: int64(len(data)), Reader: bytes.NewReader(data)})
}

func TestGradleLockfile(t *testing.T) {
	for _, tc := range []struct {
		path, golden string
		want         map[string]string
	}{
		{"app/gradle.lockfile", "gradle-app.json", map[string]string{
			"com.fasterxml.jackson.core:jackson-databind": "2.15.3  6",
			"com.google.guava:guava":                      "32.1.3-jre  8",
			"net.bytebuddy:byte-buddy":                    "1.14.9 test 9",
			"org.apiguardian:apiguardian-api":             "1.1.2 test 10",
			"org.mockito:mockito-core":                    "5.7.0 test 14", // integrationTest… is a test configuration
			"org.postgresql:postgresql":                   "42.6.0  15",
		}},
		{"app/buildscript-gradle.lockfile", "gradle-buildscript.json", map[string]string{
			"com.github.johnrengelman:shadow": "8.1.1  4",
			"org.ow2.asm:asm":                 "9.5  5",
		}},
		{"legacy/gradle/dependency-locks/testRuntimeClasspath.lockfile", "gradle-legacy-test.json", map[string]string{
			"junit:junit":                "4.12 test 4",
			"org.hamcrest:hamcrest-core": "1.3 test 5",
		}},
		{"legacy/gradle/dependency-locks/compileClasspath.lockfile", "gradle-legacy-compile.json", map[string]string{
			"log4j:log4j": "1.2.17  4",
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			data, err := os.ReadFile("testdata/gradle/" + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			pkgs, err := extractGradle(t, tc.path, data)
			if err != nil {
				t.Fatal(err)
			}
			extractortest.Golden(t, filepath.Join("testdata", "golden", tc.golden), pkgs)
			got := summary(pkgs)
			for name, w := range tc.want {
				if got[name] != w {
					t.Errorf("%s: got %q, want %q", name, got[name], w)
				}
			}
			for _, p := range pkgs {
				g, a, _ := strings.Cut(p.Name, ":")
				if p.Ecosystem != vouch.EcosystemMaven || p.PURL != fmt.Sprintf("pkg:maven/%s/%s@%s", g, a, p.Version) || p.Locations[0].Path != tc.path {
					t.Errorf("%s: %+v", p.Name, p)
				}
			}
		})
	}
}

func TestGradleErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"two fields", "# header\norg.example:lib=compileClasspath\n", "line 2: \"org.example:lib=compileClasspath\" is not group:artifact:version"},
		{"four fields", "a:b:c:d=runtimeClasspath\n", "line 1:"},
		{"empty version", "a:b:=runtimeClasspath\n", "line 1:"},
		{"junk", "\n\nthis is not a lockfile\n", "line 3:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extractGradle(t, "gradle.lockfile", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestGradleMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"gradle.lockfile": true, "sub/gradle.lockfile": true, "buildscript-gradle.lockfile": true,
		"gradle/dependency-locks/compileClasspath.lockfile": true, "a/gradle/dependency-locks/x.lockfile": true,
		"other.lockfile": false, "gradle/other/x.lockfile": false, "build.gradle": false,
	} {
		if got := (gradleLockfile{}).Match(p, 0); got != want {
			t.Errorf("Match(%q) = %v", p, got)
		}
	}
}

func TestTestOnly(t *testing.T) {
	for in, want := range map[string]bool{
		"testCompileClasspath,testRuntimeClasspath": true, "integrationTestRuntimeClasspath": true,
		"debugUnitTestRuntimeClasspath,testFixturesApi": true, "compileClasspath,testRuntimeClasspath": false,
		"latestRuntime": false, "": false, "classpath": false,
	} {
		if got := testOnly(in); got != want {
			t.Errorf("testOnly(%q) = %v", in, got)
		}
	}
}

func FuzzGradleLockfile(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := gradleLockfile{}.Extract(context.Background(), &extractor.File{Path: "gradle.lockfile", Reader: bytes.NewReader(data)})
		if err != nil && len(pkgs) > 0 {
			t.Fatal("packages and an error")
		}
		for _, p := range pkgs {
			if p.Version == "" || strings.Count(p.Name, ":") != 1 || p.Locations[0].Line < 1 {
				t.Fatalf("incomplete package %+v", p)
			}
		}
	})
}
