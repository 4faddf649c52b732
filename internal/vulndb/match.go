package vulndb

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/vouch-dev/vouch/internal/cvss"
	"github.com/vouch-dev/vouch/internal/osv"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Match returns the vulnerabilities that affect pkgs, one finding per
// package and flaw: advisories of one package that alias one another
// (GO-, GHSA-, CVE-, PYSEC-, RUSTSEC- ids of the same flaw) become one
// finding. Findings come in the order of pkgs, then by id.
func (db *DB) Match(ctx context.Context, pkgs []vouch.Package) ([]vouch.Finding, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.closed {
		return nil, errors.New("match: advisory database is closed")
	}
	m := &matcher{db: db, blocks: map[blockKey]*blockEntry{}, cards: map[recKey]*card{}}
	results := make([][]vouch.Finding, len(pkgs))
	const chunk = 256
	workers := min(runtime.GOMAXPROCS(0), (len(pkgs)+chunk-1)/chunk)
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= len(pkgs) {
					return
				}
				if err := ctx.Err(); err != nil {
					errOnce.Do(func() { firstErr = err })
					return
				}
				for i := start; i < min(start+chunk, len(pkgs)); i++ {
					f, err := m.matchPackage(&pkgs[i])
					if err != nil {
						errOnce.Do(func() { firstErr = fmt.Errorf("match %s: %w", pkgs[i].Key(), err) })
						return
					}
					results[i] = f
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	n := 0
	for _, r := range results {
		n += len(r)
	}
	out := make([]vouch.Finding, 0, n)
	for _, r := range results {
		out = append(out, r...)
	}
	return out, nil
}

type blockKey struct {
	f     *file
	block uint32
}

type recKey struct {
	f   *file
	rec uint32
}

// matcher holds what one Match call decompresses, shared by its workers.
type matcher struct {
	db     *DB
	mu     sync.Mutex
	blocks map[blockKey]*blockEntry
	cards  map[recKey]*card
}

// payload returns a payload from its block, decompressing each block once
// per Match call however many workers ask for it.
func (m *matcher) payload(f *file, l loc) ([]byte, error) {
	k := blockKey{f, l.block}
	m.mu.Lock()
	e, ok := m.blocks[k]
	if !ok {
		e = &blockEntry{}
		m.blocks[k] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.b, e.err = f.block(l.block) })
	if e.err != nil {
		return nil, e.err
	}
	return slice(e.b, l)
}

type blockEntry struct {
	once sync.Once
	b    []byte
	err  error
}

func (m *matcher) card(f *file, rec uint32) (*card, error) {
	k := recKey{f, rec}
	m.mu.Lock()
	c, ok := m.cards[k]
	m.mu.Unlock()
	if ok {
		return c, nil
	}
	if int(rec) >= f.nRecs {
		return nil, errCorrupt("record reference")
	}
	p, err := m.payload(f, f.rec(int(rec)).card)
	if err != nil {
		return nil, err
	}
	if c, err = decodeCard(p); err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.cards[k] = c
	m.mu.Unlock()
	return c, nil
}

// hit is one record that affects a package.
type hit struct {
	f        *file
	rec      uint32
	fix      string
	reach    string
	severity []osv.Severity // from the affected entries that matched
	card     *card
}

func (m *matcher) matchPackage(p *vouch.Package) ([]vouch.Finding, error) {
	var qv query
	if !m.db.resolve(p, &qv) {
		return nil, nil
	}
	var locs [2]loc
	found := 0
	for i := range qv.nNames {
		if l, ok := qv.f.lookup(nameKey(qv.base, qv.names[i])); ok {
			locs[found] = l
			found++
		}
	}
	if found == 0 {
		return nil, nil
	}
	q := &qv
	q.analyse()
	var hits []hit
	for _, l := range locs[:found] {
		b, err := m.payload(q.f, l)
		if err != nil {
			return nil, err
		}
		d := decoder{b: b}
		n := d.count()
		for range n {
			rec := d.uvarint()
			body := d.raw()
			if d.bad {
				return nil, errCorrupt("match entries")
			}
			// The ecosystem comes first: skip other releases undecoded.
			ed := decoder{b: body}
			if !releaseOK(q.base, ed.view(), q.release) {
				continue
			}
			a, err := decodeAffected(body)
			if err != nil {
				return nil, err
			}
			ok, fix := q.affects(a)
			if !ok {
				continue
			}
			hits = mergeHit(hits, hit{f: q.f, rec: uint32(rec), fix: fix, reach: q.reachable(a), severity: a.severity}, q)
		}
	}
	if len(hits) == 0 {
		return nil, nil
	}
	for i := range hits {
		c, err := m.card(hits[i].f, hits[i].rec)
		if err != nil {
			return nil, err
		}
		hits[i].card = c
	}
	return q.findings(hits), nil
}

// mergeHit adds h, folding it into an earlier hit of the same record (a
// record can list a package twice, or stdlib and toolchain).
func mergeHit(hits []hit, h hit, q *query) []hit {
	for i := range hits {
		if hits[i].f == h.f && hits[i].rec == h.rec {
			hits[i].fix = q.lowerFix(hits[i].fix, h.fix)
			hits[i].reach = strongerReach(hits[i].reach, h.reach)
			hits[i].severity = append(hits[i].severity, h.severity...)
			return hits
		}
	}
	return append(hits, h)
}

// affects evaluates one affected entry: any range or the versions list.
// The fix is the lowest fixed version above the installed one over the
// ranges that match, or a fixing commit when only a GIT range matched.
func (q *query) affects(a *affected) (bool, string) {
	aff, fix, commitFix := false, "", ""
	for i := range a.ranges {
		r := &a.ranges[i]
		if r.typ == rangeGit {
			if q.commit == "" {
				continue
			}
			if ok, f := gitAffected(r, q.commit); ok {
				aff = true
				if commitFix == "" {
					commitFix = f
				}
			}
			continue
		}
		v := q.parsedVersion(r.typ)
		if v == nil {
			continue
		}
		if ok, f := evalRange(v, q.base, r); ok {
			aff = true
			fix = q.lowerFix(fix, f)
		}
	}
	if !aff && q.version != "" && len(a.versions) > 0 {
		bare := strings.TrimPrefix(q.version, "v")
		for _, v := range a.versions {
			if v == q.version || v == bare {
				aff = true
				fix = q.fixAbove(a)
				break
			}
		}
	}
	if fix == "" {
		fix = commitFix
	}
	return aff, fix
}

// fixAbove is the lowest fixed event above the installed version in any
// range of a, for a version only the versions list names.
func (q *query) fixAbove(a *affected) string {
	fix := ""
	for i := range a.ranges {
		r := &a.ranges[i]
		v := q.parsedVersion(r.typ)
		if r.typ == rangeGit || v == nil {
			continue
		}
		for _, e := range r.events {
			if e.kind != osv.EventFixed {
				continue
			}
			if c, err := v.CompareStr(e.v); err == nil && c < 0 {
				fix = q.lowerFix(fix, e.v)
			}
		}
	}
	return fix
}

func (q *query) lowerFix(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case lessFor(q.base, rangeEcosystem, b, a):
		return b
	}
	return a
}

// gitAffected recognizes a commit only when the range names it: an
// introduced or last_affected commit is affected, a fixed or limit commit
// is not. Whether a commit lies between two others needs the repository's
// history, which the database does not have. The fix is the fixed commit
// that closes the interval the commit opens, if any.
func gitAffected(r *rng, commit string) (bool, string) {
	same := func(c string) bool {
		c = strings.ToLower(c)
		return c == commit || len(commit) >= 7 && strings.HasPrefix(c, commit)
	}
	for _, l := range r.limits {
		if same(l) {
			return false, ""
		}
	}
	for _, e := range r.events {
		if e.kind == osv.EventFixed && same(e.v) {
			return false, ""
		}
	}
	for i, e := range r.events {
		if !same(e.v) {
			continue
		}
		switch e.kind {
		case osv.EventLastAffected:
			return true, ""
		case osv.EventIntroduced:
			for _, n := range r.events[i+1:] {
				if n.kind == osv.EventFixed {
					return true, n.v
				}
				if n.kind != osv.EventIntroduced {
					break
				}
			}
			return true, ""
		}
	}
	return false, ""
}

// reachable says whether a Go program uses what an advisory names.
//
// A binary's symbol table (go.symbols) lists everything the linker kept,
// so it answers both ways: "yes" when a listed symbol is present, "no"
// when none is. A source tree's import list (go.imports) only confirms:
// "yes" when the tree imports a listed package (or, for a whole-module
// advisory, anything of the module); otherwise "" — the vulnerable
// package may still be reached through another package, and following
// that needs the dependencies' sources, which an offline scan of a tree
// does not have. Without either, "" (not analysed).
func (q *query) reachable(a *affected) string {
	switch {
	case q.symbols != nil:
		if !a.hasImports {
			return "yes" // the whole module is affected and it is linked in
		}
		for _, im := range a.imports {
			if len(im.Symbols) == 0 {
				for s := range q.symbols {
					if strings.HasPrefix(s, im.Path+".") && !strings.Contains(s[len(im.Path)+1:], "/") {
						return "yes"
					}
				}
				continue
			}
			for _, s := range im.Symbols {
				if q.symbols[im.Path+"."+s] {
					return "yes"
				}
			}
		}
		return "no"
	case q.imports != nil:
		if !a.hasImports {
			if len(q.imports) > 0 {
				return "yes"
			}
			return ""
		}
		for _, im := range a.imports {
			if q.imports[im.Path] {
				return "yes"
			}
		}
	}
	return ""
}

func strongerReach(a, b string) string {
	if a == "yes" || b == "yes" {
		return "yes"
	}
	if a == "no" || b == "no" {
		return "no"
	}
	return ""
}

// findings groups hits whose ids and aliases overlap and builds one
// finding per group.
func (q *query) findings(hits []hit) []vouch.Finding {
	if len(hits) == 1 {
		return []vouch.Finding{q.finding([]*hit{&hits[0]})}
	}
	// Union-find over every id and alias the hits name.
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok {
			parent[x] = x
			return x
		}
		if p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra != rb {
			if ra < rb {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	for _, h := range hits {
		find(h.card.id)
		for _, a := range h.card.aliases {
			union(h.card.id, a)
		}
	}
	groups := map[string][]*hit{}
	var roots []string
	for i := range hits {
		r := find(hits[i].card.id)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], &hits[i])
	}
	out := make([]vouch.Finding, 0, len(roots))
	for _, r := range roots {
		out = append(out, q.finding(groups[r]))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// idRank orders the ids of one flaw for the choice of a finding's ID:
// the ecosystem's own database first (GO-, PYSEC-, RUSTSEC-, DSA-, …),
// whose ids do not change when another database is imported beside it,
// then GitHub's GHSA-, then CVE-; the smallest id within a rank.
func idRank(id string) int {
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return 2
	case strings.HasPrefix(id, "GHSA-"):
		return 1
	}
	return 0
}

func (q *query) finding(group []*hit) vouch.Finding {
	sort.Slice(group, func(i, j int) bool {
		a, b := group[i].card.id, group[j].card.id
		if ra, rb := idRank(a), idRank(b); ra != rb {
			return ra < rb
		}
		return a < b
	})
	primary := group[0].card
	pkg := *q.pkg
	f := vouch.Finding{
		Kind:    vouch.KindVulnerability,
		ID:      primary.id,
		Package: &pkg,
	}
	if len(pkg.Locations) > 0 {
		f.Location = pkg.Locations[0]
	}
	ids := map[string]bool{}
	var sevs []osv.Severity
	dbSev := vouch.SeverityUnknown
	for _, h := range group {
		c := h.card
		ids[c.id] = true
		for _, a := range c.aliases {
			ids[a] = true
		}
		if f.Title == "" {
			f.Title = c.summary
		}
		if f.Detail == "" {
			f.Detail = c.details
		}
		for _, r := range c.refs {
			if !slices.Contains(f.References, r) {
				f.References = append(f.References, r)
			}
		}
		sevs = append(sevs, c.severity...)
		sevs = append(sevs, h.severity...)
		if s, err := vouch.ParseSeverity(c.dbSeverity); err == nil && s > dbSev {
			dbSev = s
		}
		f.FixedIn = q.lowerFix(f.FixedIn, h.fix)
		f.Reachable = strongerReach(f.Reachable, h.reach)
	}
	delete(ids, f.ID)
	for id := range ids {
		f.Aliases = append(f.Aliases, id)
	}
	sort.Strings(f.Aliases)
	if f.Title == "" {
		f.Title = firstSentence(f.Detail)
	}
	if pkg.Ecosystem == vouch.EcosystemGo && f.FixedIn != "" && pkg.Name != "stdlib" && pkg.Name != "toolchain" && !strings.HasPrefix(f.FixedIn, "v") {
		// The Go database spells versions without "v"; go.mod and
		// "go get" need it.
		f.FixedIn = "v" + f.FixedIn
	}
	f.Severity, f.Score, f.Vector = severityOf(sevs)
	if f.Severity == vouch.SeverityUnknown {
		f.Severity = dbSev
	}
	return f
}

// severityOf picks the highest-scoring CVSS vector of the newest CVSS
// version present (v4.0 over v3.x over v2), then an Ubuntu priority. It
// returns SeverityUnknown when there is neither: a missing severity is
// never taken for a low one.
func severityOf(sevs []osv.Severity) (vouch.Severity, float64, string) {
	best, bestRank := -1.0, 0
	var sev vouch.Severity
	vector := ""
	ubuntu := vouch.SeverityUnknown
	for _, s := range sevs {
		rank := 0
		switch s.Type {
		case osv.SeverityCVSSv4:
			rank = 3
		case osv.SeverityCVSSv3:
			rank = 2
		case osv.SeverityCVSSv2:
			rank = 1
		case osv.SeverityUbuntu:
			if v, err := vouch.ParseSeverity(s.Score); err == nil && v > ubuntu {
				ubuntu = v
			}
			continue
		default:
			continue
		}
		if rank < bestRank {
			continue
		}
		score, sv, err := cvss.Score(s.Score)
		if err != nil {
			continue
		}
		if rank > bestRank || score > best {
			best, bestRank, sev, vector = score, rank, sv, s.Score
		}
	}
	if bestRank > 0 {
		return sev, best, vector
	}
	return ubuntu, 0, ""
}

// firstSentence makes a title for records without a summary (the PyPI
// database has none): the details' first line, cut at its first sentence
// and at 120 characters.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	const max = 120
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)[:max]
		cut := string(r)
		if i := strings.LastIndexByte(cut, ' '); i > max/2 {
			cut = cut[:i]
		}
		s = strings.TrimRight(cut, " ,;:") + "…"
	}
	return s
}
