package java

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

const metaConfigurations = "gradle.configurations"

type gradleLockfile struct{}

func (gradleLockfile) Name() string { return "java/gradle-lockfile" }

func (gradleLockfile) Match(p string, _ fs.FileMode) bool {
	base := path.Base(p)
	switch {
	case base == "gradle.lockfile", base == "buildscript-gradle.lockfile":
		return true
	case strings.HasSuffix(base, ".lockfile"):
		return strings.HasSuffix(path.Dir(p), "gradle/dependency-locks")
	}
	return false
}

func (gradleLockfile) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("read gradle lockfile: %w", err)
	}
	// Gradle 6 writes one file per configuration, named after it, with
	// no "=configurations" part on its lines.
	var fileConf string
	if base := path.Base(f.Path); base != "gradle.lockfile" && base != "buildscript-gradle.lockfile" {
		fileConf = strings.TrimSuffix(base, ".lockfile")
	}
	var pkgs []vouch.Package
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		coords, confs, hasConfs := strings.Cut(string(line), "=")
		if coords == "empty" {
			continue // "empty=conf,…": configurations that resolve nothing
		}
		parts := strings.Split(coords, ":")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			return nil, fmt.Errorf("line %d: %q is not group:artifact:version=configurations", lineNo, truncate(string(line), 80))
		}
		if !hasConfs {
			confs = fileConf
		}
		name, version := parts[0]+":"+parts[1], parts[2]
		p := vouch.Package{
			Ecosystem: vouch.EcosystemMaven,
			Name:      name,
			Version:   version,
			PURL:      purl.For(vouch.EcosystemMaven, name, version, nil),
			Locations: []vouch.Location{{Path: f.Path, Line: lineNo, Layer: f.Layer}},
		}
		if confs != "" {
			p.Metadata = map[string]string{metaConfigurations: confs}
			if testOnly(confs) {
				p.Scope = vouch.ScopeTest
			}
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// testOnly reports whether every configuration in a comma-separated list
// is a test one: named "test…" or with "Test" as a word of its camel-case
// name (integrationTestRuntimeClasspath, debugUnitTestCompileClasspath).
func testOnly(confs string) bool {
	any := false
	for _, c := range strings.Split(confs, ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !strings.HasPrefix(c, "test") && !strings.Contains(c, "Test") {
			return false
		}
		any = true
	}
	return any
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
