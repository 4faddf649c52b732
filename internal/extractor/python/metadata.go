package python

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// metadata reads the core metadata of an installed distribution:
// NAME-VERSION.dist-info/METADATA (wheels), NAME.egg-info/PKG-INFO
// (setuptools) and the bare NAME-VERSION.egg-info file distutils wrote.
type metadata struct{}

func (metadata) Name() string { return "python/metadata" }

func (metadata) Match(p string, mode fs.FileMode) bool {
	if mode.IsDir() {
		return false
	}
	slash := strings.LastIndexByte(p, '/')
	base, dir := p[slash+1:], p[:max(slash, 0)]
	switch base {
	case "METADATA":
		return strings.HasSuffix(dir, ".dist-info")
	case "PKG-INFO":
		return strings.HasSuffix(dir, ".egg-info")
	}
	return strings.HasSuffix(base, ".egg-info")
}

// Bounds on the header block: real ones have a few dozen fields.
const (
	maxHeaderLines = 10000
	maxHeaderValue = 1 << 20
)

func (metadata) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	h, err := parseHeaders(string(data))
	if err != nil {
		return nil, err
	}
	if h.name == "" {
		return nil, errors.New("no Name header: not a core metadata file")
	}
	if !validDistName(h.name) {
		return nil, fmt.Errorf("line %d: invalid Name %q", h.nameLine, truncate(h.name))
	}
	if h.version == "" {
		return nil, fmt.Errorf("line %d: package %s has no Version header", h.nameLine, h.name)
	}
	p := newPackage(f, h.name, h.version, h.nameLine)
	p.Licenses = h.licenses()
	return []vouch.Package{p}, nil
}

type headers struct {
	name, version string
	nameLine      int
	expression    string   // License-Expression (metadata 2.4)
	license       string   // License
	classifiers   []string // "License :: …" classifiers
}

// parseHeaders reads the RFC 822 header block that starts a metadata
// file, up to the first blank line; continuation lines begin with white
// space.
func parseHeaders(s string) (*headers, error) {
	h := &headers{}
	s = strings.TrimPrefix(s, "\uFEFF")
	var field string
	var value strings.Builder
	fieldLine := 0
	flush := func() {
		v := strings.TrimSpace(value.String())
		switch strings.ToLower(field) {
		case "name":
			if h.name == "" {
				h.name, h.nameLine = v, fieldLine
			}
		case "version":
			if h.version == "" {
				h.version = v
			}
		case "license-expression":
			h.expression = v
		case "license":
			h.license = v
		case "classifier":
			if strings.HasPrefix(v, "License ::") {
				h.classifiers = append(h.classifiers, v)
			}
		}
		field = ""
		value.Reset()
	}
	n := 0
	for rest := s; rest != ""; {
		var line string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, ""
		}
		n++
		if n > maxHeaderLines {
			return nil, fmt.Errorf("line %d: header block too long", n)
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			// The body (the description) follows. A line of white space
			// only is a folded continuation, as Python's email parser
			// reads it.
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if field == "" {
				return nil, fmt.Errorf("line %d: continuation line before any header", n)
			}
			if value.Len() < maxHeaderValue {
				value.WriteByte('\n')
				value.WriteString(line)
			}
			continue
		}
		flush()
		name, v, ok := strings.Cut(line, ":")
		if !ok || name == "" || !validFieldName(name) {
			return nil, fmt.Errorf("line %d: %q is not a header", n, truncate(line))
		}
		field, fieldLine = name, n
		value.WriteString(v)
	}
	flush()
	return h, nil
}

func validFieldName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// licenses picks the license as precisely as the metadata states it: an
// SPDX License-Expression, else a short License field (many projects put
// the whole license text there, which is not a name), else the license
// classifiers.
func (h *headers) licenses() []string {
	if h.expression != "" {
		return []string{h.expression}
	}
	if l := h.license; l != "" && !strings.EqualFold(l, "UNKNOWN") && !strings.ContainsRune(l, '\n') && len(l) <= 100 {
		return []string{l}
	}
	var out []string
	for _, c := range h.classifiers {
		parts := strings.Split(c, "::")
		if len(parts) < 3 {
			continue // "License :: OSI Approved" alone names none
		}
		name := strings.TrimSpace(parts[len(parts)-1])
		if spdx, ok := classifierSPDX[name]; ok {
			name = spdx
		}
		if name != "" && !contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// classifierSPDX maps the license classifiers that name exactly one SPDX
// license; the others ("BSD License", "GNU General Public License v3
// (GPLv3)") do not say which variant and stay as written.
var classifierSPDX = map[string]string{
	"MIT License":                                  "MIT",
	"ISC License (ISCL)":                           "ISC",
	"Mozilla Public License 2.0 (MPL 2.0)":         "MPL-2.0",
	"The Unlicense (Unlicense)":                    "Unlicense",
	"Boost Software License 1.0 (BSL-1.0)":         "BSL-1.0",
	"Python Software Foundation License":           "PSF-2.0",
	"MIT No Attribution License (MIT-0)":           "MIT-0",
	"Zero-Clause BSD (0BSD)":                       "0BSD",
	"Eclipse Public License 2.0 (EPL-2.0)":         "EPL-2.0",
	"European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
}
