package ospkg

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Apk reads Alpine's installed database, lib/apk/db/installed: one stanza
// of "K:value" lines per package (P name, V version, A architecture,
// o origin — the source package advisories name —, L licence, c the aports
// commit it was built from).
type Apk struct{}

// Name implements extractor.Extractor.
func (Apk) Name() string { return "ospkg/apk" }

// Match implements extractor.Extractor.
func (Apk) Match(p string, _ fs.FileMode) bool { return p == "lib/apk/db/installed" }

// Extract implements extractor.Extractor.
func (Apk) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	return parseApk(ctx, io.LimitReader(f.Reader, extractor.MaxFileSize), f.Path)
}

type apkStanza struct {
	line                                         int
	name, version, arch, origin, license, commit string
}

func parseApk(ctx context.Context, r io.Reader, file string) ([]vouch.Package, error) {
	var (
		pkgs []vouch.Package
		errs errorList
		st   apkStanza
		lr   = newLineReader(r)
	)
	flush := func() {
		defer func() { st = apkStanza{} }()
		if st.line == 0 {
			return
		}
		if st.name == "" || st.version == "" {
			errs.add(fmt.Errorf("stanza at line %d: want both a P line and a V line", st.line))
			return
		}
		p := vouch.Package{
			Ecosystem:  vouch.EcosystemAlpine,
			Name:       st.name,
			Version:    st.version,
			SourceName: st.name,
			Commit:     st.commit,
			Locations:  []vouch.Location{{Path: file, Line: st.line}},
			Metadata:   map[string]string{MetaDB: DBApk},
		}
		if st.origin != "" {
			p.SourceName = st.origin
		}
		if st.license != "" {
			p.Licenses = []string{st.license}
		}
		if st.arch != "" {
			p.Metadata[MetaArch] = st.arch
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
		line = bytes.TrimRight(line, " \t")
		if len(line) == 0 {
			flush()
			continue
		}
		if len(line) < 2 || line[1] != ':' {
			errs.add(fmt.Errorf("line %d: want \"K:value\"", lr.n))
			continue
		}
		if st.line == 0 {
			st.line = lr.n
		}
		var dst *string
		switch line[0] {
		case 'P':
			dst = &st.name
		case 'V':
			dst = &st.version
		case 'A':
			dst = &st.arch
		case 'o':
			dst = &st.origin
		case 'L':
			dst = &st.license
		case 'c':
			dst = &st.commit
		default:
			continue // file lists, checksums, dependencies …
		}
		*dst = string(line[2:])
	}
	flush()
	return pkgs, errs.err()
}
