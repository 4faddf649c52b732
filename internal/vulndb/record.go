package vulndb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/osv"
	"github.com/vouch-dev/vouch/internal/version"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// advisory is one OSV record ready to be written: its original document
// (compacted), the card a finding is built from, and one match entry per
// package it affects.
type advisory struct {
	id        string
	modified  time.Time
	withdrawn bool
	raw       []byte
	card      []byte
	entries   []matchEntry
	// ecosystems are the base ecosystems ("Debian", not "Debian:12") the
	// record belongs to, sorted: one file per ecosystem holds it.
	ecosystems []string
}

// matchEntry is one affected[] element of a record, keyed by the
// normalized package name in its base ecosystem.
type matchEntry struct {
	base string
	key  string
	body []byte
}

// Range type codes in match entries.
const (
	rangeSemVer byte = iota + 1
	rangeEcosystem
	rangeGit
)

// card is what a finding needs from a record.
type card struct {
	id         string
	summary    string
	details    string
	dbSeverity string
	aliases    []string
	severity   []osv.Severity
	refs       []string
}

// affected is a decoded match entry.
type affected struct {
	eco        string // as the record spells it, "Debian:12"
	ranges     []rng
	versions   []string
	severity   []osv.Severity
	hasImports bool
	imports    []osv.GoImport
}

type rng struct {
	typ    byte
	sorted bool // events are in version order, so a sweep may stop early
	repo   string
	events []event // without limits
	limits []string
}

type event struct {
	kind osv.EventKind
	v    string
}

// newAdvisory derives everything the database stores from a parsed record
// and the document it came from.
func newAdvisory(e *osv.Entry, doc []byte, vc versionCache) (*advisory, error) {
	var raw bytes.Buffer
	raw.Grow(len(doc))
	if err := json.Compact(&raw, doc); err != nil {
		return nil, fmt.Errorf("compact %s: %w", e.ID, err)
	}
	a := &advisory{
		id:        e.ID,
		modified:  e.Modified,
		withdrawn: !e.Withdrawn.IsZero(),
		raw:       raw.Bytes(),
		card:      encodeCard(e),
	}
	for i := range e.Affected {
		af := &e.Affected[i]
		if af.Package.Name == "" {
			// Records that name only a repository (OSS-Fuzz) cannot be
			// looked up by package; they are not indexed.
			continue
		}
		base := baseEcosystem(af.Package.Ecosystem)
		if !slices.Contains(a.ecosystems, base) {
			a.ecosystems = append(a.ecosystems, base)
		}
		if a.withdrawn {
			continue
		}
		a.entries = append(a.entries, matchEntry{
			base: base,
			key:  nameKey(base, af.Package.Name),
			body: encodeAffected(base, af, vc),
		})
	}
	sort.Strings(a.ecosystems)
	return a, nil
}

func encodeCard(e *osv.Entry) []byte {
	var enc encoder
	enc.str(e.ID)
	enc.str(e.Summary)
	enc.str(strings.TrimSpace(e.Details))
	enc.str(e.DatabaseSeverity())
	enc.strs(e.Aliases)
	enc.uvarint(uint64(len(e.Severity)))
	for _, s := range e.Severity {
		enc.str(s.Type)
		enc.str(s.Score)
	}
	refs := make([]string, 0, len(e.References))
	for _, r := range e.References {
		if r.URL != "" && !slices.Contains(refs, r.URL) {
			refs = append(refs, r.URL)
		}
	}
	enc.strs(refs)
	return enc.b
}

// decodeCard reads a card. Strings point into b, which must be a heap
// buffer: findings keep the decompressed block alive rather than copying
// every advisory text out of it.
func decodeCard(b []byte) (*card, error) {
	d := decoder{b: b}
	c := &card{
		id:         d.view(),
		summary:    d.view(),
		details:    d.view(),
		dbSeverity: d.view(),
		aliases:    d.views(),
	}
	if n := d.count(); n > 0 {
		c.severity = make([]osv.Severity, n)
		for i := range c.severity {
			c.severity[i] = osv.Severity{Type: d.view(), Score: d.view()}
		}
	}
	c.refs = d.views()
	if d.bad {
		return nil, errCorrupt("card")
	}
	return c, nil
}

// encodeAffected writes one affected[] element with its events in version
// order and its versions list reduced to the versions its ranges do not
// already cover (a version is affected if a range or the list says so; the
// PyPI database lists every covered version, which is most of its size).
func encodeAffected(base string, af *osv.Affected, vc versionCache) []byte {
	var enc encoder
	enc.str(af.Package.Ecosystem)
	imports := af.GoImports()
	hasImports := base == string(vouch.EcosystemGo) && len(imports) > 0
	flags := byte(0)
	if hasImports {
		flags |= 1
	}
	enc.byte1(flags)
	ranges := make([]rng, 0, len(af.Ranges))
	for _, r := range af.Ranges {
		ranges = append(ranges, newRange(base, &r, vc))
	}
	enc.uvarint(uint64(len(ranges)))
	for _, r := range ranges {
		enc.byte1(r.typ)
		if r.sorted {
			enc.byte1(1)
		} else {
			enc.byte1(0)
		}
		if r.typ == rangeGit {
			enc.str(r.repo)
		}
		enc.uvarint(uint64(len(r.events) + len(r.limits)))
		for _, e := range r.events {
			enc.byte1(byte(e.kind))
			enc.str(e.v)
		}
		for _, l := range r.limits {
			enc.byte1(byte(osv.EventLimit))
			enc.str(l)
		}
	}
	enc.strs(uncovered(base, ranges, af.Versions, vc))
	enc.uvarint(uint64(len(af.Severity)))
	for _, s := range af.Severity {
		enc.str(s.Type)
		enc.str(s.Score)
	}
	if hasImports {
		enc.uvarint(uint64(len(imports)))
		for _, im := range imports {
			enc.str(im.Path)
			enc.strs(im.Symbols)
		}
	}
	return enc.b
}

// decodeAffected reads a match entry. Strings point into b, which must be a
// heap buffer that outlives the result.
func decodeAffected(b []byte) (*affected, error) {
	d := decoder{b: b}
	a := &affected{eco: d.view()}
	flags := d.byte1()
	a.hasImports = flags&1 != 0
	if n := d.count(); n > 0 {
		a.ranges = make([]rng, n)
		for i := range a.ranges {
			r := &a.ranges[i]
			r.typ = d.byte1()
			r.sorted = d.byte1() == 1
			if r.typ == rangeGit {
				r.repo = d.view()
			}
			ne := d.count()
			r.events = make([]event, 0, ne)
			for range ne {
				k := osv.EventKind(d.byte1())
				v := d.view()
				if k == osv.EventLimit {
					r.limits = append(r.limits, v)
					continue
				}
				r.events = append(r.events, event{kind: k, v: v})
			}
		}
	}
	a.versions = d.views()
	if n := d.count(); n > 0 {
		a.severity = make([]osv.Severity, n)
		for i := range a.severity {
			a.severity[i] = osv.Severity{Type: d.view(), Score: d.view()}
		}
	}
	if a.hasImports {
		n := d.count()
		a.imports = make([]osv.GoImport, n)
		for i := range a.imports {
			a.imports[i] = osv.GoImport{Path: d.view(), Symbols: d.views()}
		}
	}
	if d.bad {
		return nil, errCorrupt("match entry")
	}
	return a, nil
}

// newRange converts a range, sorting SEMVER and ECOSYSTEM events by
// version when every version parses (OSV evaluates events in version
// order, whatever order the record lists them in).
func newRange(base string, r *osv.Range, vc versionCache) rng {
	out := rng{repo: r.Repo}
	switch r.Type {
	case osv.RangeSemVer:
		out.typ = rangeSemVer
	case osv.RangeEcosystem:
		out.typ = rangeEcosystem
	default:
		out.typ = rangeGit
	}
	for _, e := range r.Events {
		k, v := e.Kind()
		if k == osv.EventLimit {
			out.limits = append(out.limits, v)
			continue
		}
		out.events = append(out.events, event{kind: k, v: v})
	}
	if out.typ == rangeGit {
		return out
	}
	parsed := make([]version.Version, len(out.events))
	for i, e := range out.events {
		if e.kind == osv.EventIntroduced && e.v == "0" {
			continue
		}
		p, ok := vc.parse(base, out.typ, e.v)
		if !ok {
			return out
		}
		parsed[i] = p
	}
	idx := make([]int, len(out.events))
	for i := range idx {
		idx[i] = i
	}
	ok := true
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := parsed[idx[i]], parsed[idx[j]]
		switch {
		case a == nil && b == nil:
			return false
		case a == nil:
			return true
		case b == nil:
			return false
		}
		c, err := a.Compare(b)
		if err != nil {
			ok = false
		}
		return c < 0
	})
	if !ok {
		return out
	}
	sorted := make([]event, len(idx))
	for i, j := range idx {
		sorted[i] = out.events[j]
	}
	out.events = sorted
	out.sorted = true
	return out
}

// uncovered returns the versions that no SEMVER or ECOSYSTEM range
// already marks affected. Event versions are parsed once, not once per
// listed version.
func uncovered(base string, ranges []rng, versions []string, vc versionCache) []string {
	if len(versions) == 0 {
		return nil
	}
	type prepared struct {
		r      *rng
		events []version.Version // nil for "introduced: 0"
		limits []version.Version
	}
	var preps []prepared
	for i := range ranges {
		r := &ranges[i]
		if r.typ == rangeGit {
			continue
		}
		p := prepared{r: r, events: make([]version.Version, len(r.events))}
		ok := true
		for j, e := range r.events {
			if e.kind == osv.EventIntroduced && e.v == "0" {
				continue
			}
			if p.events[j], ok = vc.parse(base, r.typ, e.v); !ok {
				break
			}
		}
		for _, l := range r.limits {
			var lv version.Version
			if l != "*" {
				if lv, ok = vc.parse(base, r.typ, l); !ok {
					break
				}
			}
			p.limits = append(p.limits, lv)
		}
		if ok {
			preps = append(preps, p)
		}
	}
	if len(preps) == 0 {
		return versions
	}
	var out []string
	var parsed [rangeGit + 1]version.Version
	for _, v := range versions {
		covered := false
		parsed = [rangeGit + 1]version.Version{}
		for _, p := range preps {
			pv := parsed[p.r.typ]
			if pv == nil {
				var ok bool
				if pv, ok = vc.parse(base, p.r.typ, v); !ok {
					continue
				}
				parsed[p.r.typ] = pv
			}
			if len(p.limits) > 0 {
				below := false
				for _, l := range p.limits {
					if c, err := pv.Compare(l); l == nil || err == nil && c < 0 {
						below = true
						break
					}
				}
				if !below {
					continue
				}
			}
			aff, _ := evalEvents(p.r,
				func(i int) (int, error) { return pv.Compare(p.events[i]) },
				func(i, j int) bool { return false })
			if aff {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, v)
		}
	}
	return out
}

// versionCache remembers parsed versions during an import: the PyPI
// database lists the same versions of a package in record after record,
// and parsing PEP 440 is the costliest step of an import. Each import
// worker has its own; a nil cache parses every time.
type versionCache map[string]version.Version

const maxCachedVersions = 1 << 16

func (vc versionCache) parse(base string, typ byte, v string) (version.Version, bool) {
	if vc == nil {
		p, err := parseFor(base, typ, v)
		return p, err == nil
	}
	k := string(rune('0'+typ)) + base + "\x00" + v
	if p, ok := vc[k]; ok {
		return p, p != nil
	}
	if len(vc) >= maxCachedVersions {
		clear(vc)
	}
	p, err := parseFor(base, typ, v)
	if err != nil {
		p = nil
	}
	vc[k] = p
	return p, p != nil
}

// parseFor parses a version the way a range of type typ orders it: SEMVER
// ranges by Semantic Versioning 2.0 (Go's with its "v" prefix dropped),
// ECOSYSTEM ranges by the ecosystem's own rules.
func parseFor(base string, typ byte, v string) (version.Version, error) {
	if typ == rangeSemVer {
		if base == string(vouch.EcosystemGo) {
			return version.Parse(vouch.EcosystemGo, v)
		}
		return version.Parse(vouch.EcosystemNPM, v)
	}
	return version.Parse(vouch.Ecosystem(base), v)
}

// evalRange reports whether v lies in r (OSV's evaluation: walk the events
// in version order; "introduced" opens, "fixed" closes at, "last_affected"
// closes after) and, if so, the first fixed version above v.
func evalRange(v version.Version, base string, r *rng) (bool, string) {
	if len(r.limits) > 0 && !belowALimit(v, r.limits) {
		return false, ""
	}
	aff, fix := evalEvents(r,
		func(i int) (int, error) { return v.CompareStr(r.events[i].v) },
		func(i, j int) bool { return lessFor(base, r.typ, r.events[i].v, r.events[j].v) })
	if fix < 0 {
		return aff, ""
	}
	return aff, r.events[fix].v
}

// evalEvents walks r's events; cmp(i) compares the installed version with
// event i, less orders two events. It returns whether the version is
// affected and the index of the lowest fixed event above it, or -1.
func evalEvents(r *rng, cmp func(i int) (int, error), less func(i, j int) bool) (bool, int) {
	aff := false
	fix := -1
	for i, e := range r.events {
		if e.kind == osv.EventIntroduced && e.v == "0" {
			aff = true
			continue
		}
		c, err := cmp(i)
		if err != nil {
			continue
		}
		if c < 0 {
			// e lies above v.
			if e.kind == osv.EventFixed && aff && (fix < 0 || less(i, fix)) {
				fix = i
			}
			if r.sorted {
				break
			}
			continue
		}
		switch e.kind {
		case osv.EventIntroduced:
			aff = true
			fix = -1
		case osv.EventFixed:
			aff = false
		case osv.EventLastAffected:
			if c > 0 {
				aff = false
			}
		}
	}
	if !aff {
		return false, -1
	}
	return true, fix
}

// lessFor reports a < b as a range of type typ orders them.
func lessFor(base string, typ byte, a, b string) bool {
	pa, err := parseFor(base, typ, a)
	if err != nil {
		return false
	}
	c, err := pa.CompareStr(b)
	return err == nil && c < 0
}

func belowALimit(v version.Version, limits []string) bool {
	for _, l := range limits {
		if l == "*" {
			return true
		}
		if c, err := v.CompareStr(l); err == nil && c < 0 {
			return true
		}
	}
	return false
}

// baseEcosystem drops a release suffix: "Debian:12" is "Debian".
func baseEcosystem(eco string) string {
	if i := strings.IndexByte(eco, ':'); i >= 0 {
		return eco[:i]
	}
	return eco
}

// nameKey is the lookup key of a package name in its ecosystem: PEP 503
// for PyPI, lower case where the registry ignores case (NuGet, Packagist),
// the name as written elsewhere (Go, npm, Maven, crates.io, RubyGems, OS
// packages).
func nameKey(base, name string) string {
	switch vouch.Ecosystem(base) {
	case vouch.EcosystemPyPI:
		return vouch.NormalizePyPIName(name)
	case vouch.EcosystemNuGet, vouch.EcosystemPackagist:
		return strings.ToLower(name)
	}
	return name
}

type errCorrupt string

func (e errCorrupt) Error() string { return "corrupt " + string(e) }
