package ospkg

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Dpkg reads the dpkg status database of Debian and Ubuntu,
// var/lib/dpkg/status, and the one-file-per-package status.d directory that
// distroless images carry instead. Packages in the status file count when
// dpkg recorded their files as on disk (status "installed", or a state
// between unpacking and configuring); those in status.d, which have no
// Status field, all count. Each package's Location line is the first line
// of its stanza.
type Dpkg struct{}

// Name implements extractor.Extractor.
func (Dpkg) Name() string { return "ospkg/dpkg" }

// Match implements extractor.Extractor.
func (Dpkg) Match(p string, _ fs.FileMode) bool {
	if p == "var/lib/dpkg/status" {
		return true
	}
	dir, base := path.Split(p)
	return dir == "var/lib/dpkg/status.d/" && base != "" && base[0] != '.' &&
		!strings.HasSuffix(base, ".md5sums")
}

// Extract implements extractor.Extractor.
func (Dpkg) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	return parseDpkg(ctx, io.LimitReader(f.Reader, extractor.MaxFileSize), f.Path, path.Base(f.Path) == "status")
}

type dpkgStanza struct {
	line                                int
	name, version, arch, source, status string
	hasStatus                           bool
}

func parseDpkg(ctx context.Context, r io.Reader, file string, needStatus bool) ([]vouch.Package, error) {
	var (
		pkgs []vouch.Package
		errs errorList
		st   dpkgStanza
		lr   = newLineReader(r)
	)
	flush := func() {
		defer func() { st = dpkgStanza{} }()
		if st.line == 0 {
			return
		}
		if st.hasStatus && !dpkgInstalled(st.status) || !st.hasStatus && needStatus {
			return
		}
		if st.name == "" {
			errs.add(fmt.Errorf("stanza at line %d: no Package field", st.line))
			return
		}
		if st.version == "" {
			errs.add(fmt.Errorf("stanza at line %d: package %s has no Version field", st.line, st.name))
			return
		}
		p := vouch.Package{
			Ecosystem:  vouch.EcosystemDebian,
			Name:       st.name,
			Version:    st.version,
			SourceName: st.name,
			Locations:  []vouch.Location{{Path: file, Line: st.line}},
			Metadata:   map[string]string{MetaDB: DBDpkg},
		}
		if st.arch != "" {
			p.Metadata[MetaArch] = st.arch
		}
		if st.source != "" {
			// "Source: glibc" or, when the source version differs from the
			// binary's (binNMUs), "Source: bash (5.2.15-2)".
			name, ver, _ := strings.Cut(st.source, " ")
			p.SourceName = name
			ver = strings.TrimSpace(ver)
			if strings.HasPrefix(ver, "(") && strings.HasSuffix(ver, ")") {
				ver = strings.TrimSpace(ver[1 : len(ver)-1])
				if ver != p.Version {
					p.SourceVersion = ver
				}
			}
		}
		setPURL(&p, "")
		pkgs = append(pkgs, p)
	}
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.add(err)
			break
		}
		if lr.n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if len(bytes.TrimSpace(line)) == 0 {
			flush()
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // continuation of a multi-line field (Description, Conffiles)
		}
		if st.line == 0 {
			st.line = lr.n
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			errs.add(fmt.Errorf("line %d: want \"Field: value\"", lr.n))
			continue
		}
		var dst *string
		switch {
		case fieldIs(k, "Package"):
			dst = &st.name
		case fieldIs(k, "Version"):
			dst = &st.version
		case fieldIs(k, "Architecture"):
			dst = &st.arch
		case fieldIs(k, "Source"):
			dst = &st.source
		case fieldIs(k, "Status"):
			dst = &st.status
			st.hasStatus = true
		default:
			continue
		}
		*dst = string(bytes.TrimSpace(v))
	}
	flush()
	return pkgs, errs.err()
}

// fieldIs compares a deb822 field name, which is case-insensitive.
func fieldIs(k []byte, name string) bool {
	return len(k) == len(name) && (string(k) == name || strings.EqualFold(string(k), name))
}

// dpkgInstalled reads the third word of "want flag status": the package's
// files are on disk in every state from "unpacked" to "installed", whatever
// the administrator wants done with it next (hold, deinstall, purge).
func dpkgInstalled(status string) bool {
	f := strings.Fields(status)
	if len(f) != 3 {
		return false
	}
	switch f[2] {
	case "installed", "unpacked", "half-configured", "triggers-awaited", "triggers-pending":
		return true
	}
	return false // not-installed, config-files, half-installed
}
