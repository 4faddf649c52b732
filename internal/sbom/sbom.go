package sbom

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Format names an SBOM format and encoding.
type Format string

const (
	CycloneDXJSON Format = "cyclonedx-json"
	CycloneDXXML  Format = "cyclonedx-xml"
	SPDXJSON      Format = "spdx-json"
	SPDXTagValue  Format = "spdx-tag-value"
)

// EncodeOptions steer EncodeCycloneDX and EncodeSPDX.
type EncodeOptions struct {
	// ToolName and ToolVersion name the program that wrote the document
	// ("vouch", the build version).
	ToolName, ToolVersion string
	// Time is the document's timestamp. Callers pass the time
	// SOURCE_DATE_EPOCH names when it is set. Zero means now, or the Unix
	// epoch when Deterministic is set.
	Time time.Time
	// Deterministic derives the CycloneDX serial number and the SPDX
	// document namespace from a hash of the document's content instead
	// of drawing them at random, so that the same inventory and options
	// give the same bytes. Set it when SOURCE_DATE_EPOCH is set.
	Deterministic bool
	// Findings are written, in CycloneDX only, as the BOM's
	// vulnerabilities section, one entry per finding. Findings of other
	// kinds than vulnerabilities, and findings about a package the
	// inventory does not hold, are left out.
	Findings []vouch.Finding
}

func (o EncodeOptions) tool() (name, version string) {
	name = o.ToolName
	if name == "" {
		name = "vouch"
	}
	return name, o.ToolVersion
}

// MaxSize caps how much of one SBOM Decode reads.
const MaxSize = 256 << 20

// maxSize is MaxSize, lowered by tests.
var maxSize int64 = MaxSize

// ErrUnknownFormat is returned by Decode for input that is not a
// CycloneDX or SPDX document it can read.
var ErrUnknownFormat = errors.New("not a CycloneDX or SPDX document")

// sniffSize is how much of a file Sniff needs to see.
const sniffSize = 1024

// Sniff reports which SBOM format the first bytes of a file (a KiB is
// enough) are in. It is cheap and never parses: JSON objects are told
// apart by their marker members ("bomFormat", "spdxVersion",
// "SPDXRef-DOCUMENT"), XML by the CycloneDX namespace, tag-value by an
// "SPDXVersion:" line. A JSON document whose markers lie further in
// (keys written in alphabetical order put "spdxVersion" last) is not
// recognised from its head alone; Decode looks at the whole input.
func Sniff(head []byte) (Format, bool) {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return "", false
	}
	switch b[0] {
	case '{':
		cdx := indexMarker(b, `"bomFormat"`, `"CycloneDX"`)
		if i := bytes.Index(b, []byte(`cyclonedx.org/schema/bom`)); i >= 0 && (cdx < 0 || i < cdx) {
			cdx = i
		}
		spdx := bytes.Index(b, []byte(`"spdxVersion"`))
		if i := bytes.Index(b, []byte(`"SPDXRef-DOCUMENT"`)); i >= 0 && (spdx < 0 || i < spdx) {
			spdx = i
		}
		if i := bytes.Index(b, []byte(`spdx.org/rdf/3`)); i >= 0 && (spdx < 0 || i < spdx) {
			spdx = i // SPDX 3 JSON-LD: recognised so that Decode can say it is unsupported
		}
		switch {
		case cdx >= 0 && (spdx < 0 || cdx < spdx):
			return CycloneDXJSON, true
		case spdx >= 0:
			return SPDXJSON, true
		}
	case '<':
		if bytes.Contains(b, []byte("cyclonedx.org/schema/bom")) {
			return CycloneDXXML, true
		}
	default:
		for line := range bytes.Lines(b) {
			line = bytes.TrimSpace(line)
			if len(line) == 0 || line[0] == '#' {
				continue
			}
			if bytes.HasPrefix(line, []byte("SPDXVersion:")) {
				return SPDXTagValue, true
			}
			if !bytes.Contains(line, []byte(":")) {
				return "", false
			}
		}
	}
	return "", false
}

// indexMarker finds a member key followed by a given value, as in
// `"bomFormat": "CycloneDX"`, allowing whitespace around the colon.
func indexMarker(b []byte, key, value string) int {
	off := 0
	for {
		i := bytes.Index(b[off:], []byte(key))
		if i < 0 {
			return -1
		}
		i += off
		rest := bytes.TrimLeft(b[i+len(key):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			rest = bytes.TrimLeft(rest[1:], " \t\r\n")
			if bytes.HasPrefix(rest, []byte(value)) {
				return i
			}
		}
		off = i + len(key)
	}
}

// ordered is the inventory's packages in the order the documents list
// them (ecosystem, name, version, key), with the identifier each
// document gives every package and a way back from a DependsOn entry to
// the package it names.
type ordered struct {
	pkgs  []*vouch.Package
	refs  []string       // parallel to pkgs
	byKey map[string]int // Package.Key() → index into pkgs, first wins
}

// orderPackages sorts the packages and names each with ref(p), made
// unique among used (which it extends) by appending sep and a number.
func orderPackages(inv *vouch.Inventory, ref func(p *vouch.Package) string, used map[string]bool, sep string) *ordered {
	o := &ordered{
		pkgs:  make([]*vouch.Package, len(inv.Packages)),
		refs:  make([]string, len(inv.Packages)),
		byKey: make(map[string]int, len(inv.Packages)),
	}
	for i := range inv.Packages {
		o.pkgs[i] = &inv.Packages[i]
	}
	slices.SortStableFunc(o.pkgs, func(a, b *vouch.Package) int {
		return cmp.Or(
			cmp.Compare(a.Ecosystem, b.Ecosystem),
			cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Version, b.Version),
			cmp.Compare(a.Key(), b.Key()),
		)
	})
	for i, p := range o.pkgs {
		r := ref(p)
		if used[r] {
			for n := 2; ; n++ {
				c := r + sep + strconv.Itoa(n)
				if !used[c] {
					r = c
					break
				}
			}
		}
		used[r] = true
		o.refs[i] = r
		if _, ok := o.byKey[p.Key()]; !ok {
			o.byKey[p.Key()] = i
		}
	}
	return o
}

// deps returns the identifiers of the packages p depends on that are in
// the inventory, sorted and without duplicates, reusing scratch.
func (o *ordered) deps(p *vouch.Package, scratch []string) []string {
	scratch = scratch[:0]
	for _, d := range p.DependsOn {
		if i, ok := o.byKey[d]; ok {
			scratch = append(scratch, o.refs[i])
		}
	}
	slices.Sort(scratch)
	return slices.Compact(scratch)
}

// formatLocation writes a location as "path[:line]".
func appendLocation(b []byte, l vouch.Location) []byte {
	b = append(b, l.Path...)
	if l.Line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(l.Line), 10)
	}
	return b
}

// parseLocation reads "path[:line]" back.
func parseLocation(s string) vouch.Location {
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if n, err := strconv.Atoi(s[i+1:]); err == nil && n > 0 {
			return vouch.Location{Path: s[:i], Line: n}
		}
	}
	return vouch.Location{Path: s}
}

// metadataKeys returns the Metadata keys a document carries, sorted:
// every key but the "go." ones, which are internal and large.
func metadataKeys(m map[string]string) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if !strings.HasPrefix(k, "go.") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// targetName is the name a document gives its subject.
func targetName(t vouch.Target) string {
	if t.Name != "" {
		return t.Name
	}
	if t.Kind != "" {
		return string(t.Kind)
	}
	return "unknown"
}
