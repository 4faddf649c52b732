package secrets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/vouch-dev/vouch/internal/glob"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Config tunes a Scanner. The zero value is usable: New fills defaults.
type Config struct {
	// AllowPaths are path globs (gitignore-style, ** spans directories,
	// see package glob) that are never scanned and never reported,
	// matched against the slash-separated path relative to the scan root.
	// A directory that matches, or whose whole content matches
	// ("dir/**"), is not read.
	AllowPaths []string
	// ExcludePaths are globs of the same kind, with the same effect, that
	// every scanner of a run shares (vouch's exclude-paths); they differ
	// from AllowPaths only in being told to OnExclude.
	ExcludePaths []string
	// AllowPatterns are regular expressions; a finding whose secret
	// matches one is dropped.
	AllowPatterns []string
	// StopWords drop a finding whose secret contains one (any case).
	StopWords []string
	// MaxFileSize skips larger files (default 10 MiB). Skips are reported
	// through OnSkip.
	MaxFileSize int64
	// NoIgnore scans files that .gitignore files exclude.
	NoIgnore bool
	// Workers is the number of files scanned at once (default GOMAXPROCS).
	Workers int
	// OnSkip, when set, is told about every file left unscanned for its
	// size or because it could not be read ("too large", "read error"). It
	// is never called concurrently.
	OnSkip func(path, reason string)
	// OnExclude, when set, is told the top-most path that ExcludePaths
	// left out: a directory that was not read (once; nothing under it is
	// reported), or a file. Files that arrive without a walk (ScanReader,
	// git history) report their top-most excluded directory, once per
	// file. It is never called concurrently, nor together with OnSkip.
	OnExclude func(path string)
}

// DefaultMaxFileSize is the size above which files are skipped.
const DefaultMaxFileSize = 10 << 20

// DefaultConfig returns the configuration New uses for zero fields.
func DefaultConfig() Config {
	return Config{MaxFileSize: DefaultMaxFileSize, Workers: runtime.GOMAXPROCS(0)}
}

// Validate reports the first malformed field.
func (c Config) Validate() error {
	for _, p := range c.AllowPatterns {
		if _, err := regexp.Compile(p); err != nil {
			return fmt.Errorf("allow pattern %q: %w", p, err)
		}
	}
	if _, err := glob.NewList(c.AllowPaths); err != nil {
		return fmt.Errorf("allow path %w", err)
	}
	if _, err := glob.NewList(c.ExcludePaths); err != nil {
		return fmt.Errorf("exclude path %w", err)
	}
	if c.MaxFileSize < 0 {
		return fmt.Errorf("max file size %d: must not be negative", c.MaxFileSize)
	}
	if c.Workers < 0 {
		return fmt.Errorf("workers %d: must not be negative", c.Workers)
	}
	return nil
}

// Scanner finds secrets. It is safe for concurrent use.
type Scanner struct {
	cfg        Config
	rules      []*compiledRule
	kw         *keywordMatcher
	kwRules    [][]int32 // keyword id → rule indexes
	pathRules  []*compiledRule
	allowPaths glob.List
	exclude    glob.List
	allowRes   []*regexp.Regexp
	knownFake  map[string]bool // every rule's Allow values: documentation examples
	stopWords  [][]byte
	overlap    int // bytes carried between chunks: longer than any match
	chunkSize  int // bytes read at once from a stream
	skipMu     sync.Mutex
	scratch    sync.Pool
}

const (
	// maxLine is how far a window reaches for a line's ends; a line
	// longer than this on either side of a keyword is "long" (minified
	// code, data blobs) and gets a narrow window and strict rules only.
	maxLine = 4096
	// longLineWindow is the reach either side of a keyword on a long line.
	longLineWindow = 512
	defaultChunk   = 4 << 20
	// anchoredWindow is how far an anchored (generic) pattern may read
	// from the identifier's start: name, operator and a value of a couple
	// of hundred bytes. Kept short because RE2's backtracker clears a
	// bitmap proportional to the input on every call.
	anchoredWindow = 384
)

// New compiles every rule once and returns a Scanner.
func New(cfg Config) (*Scanner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := DefaultConfig()
	if cfg.MaxFileSize == 0 {
		cfg.MaxFileSize = d.MaxFileSize
	}
	if cfg.Workers == 0 {
		cfg.Workers = d.Workers
	}
	s := &Scanner{cfg: cfg, chunkSize: defaultChunk}
	rules := builtinRules()
	kwIndex := map[string]int{}
	var keywords []string
	maxMulti := 0
	for i, r := range rules {
		c, err := compileRule(r, i)
		if err != nil {
			return nil, err
		}
		s.rules = append(s.rules, c)
		for _, a := range r.Allow {
			if s.knownFake == nil {
				s.knownFake = map[string]bool{}
			}
			s.knownFake[a] = true
		}
		if r.MultiLine > maxMulti {
			maxMulti = r.MultiLine
		}
		if len(r.pathSuffixes) > 0 {
			s.pathRules = append(s.pathRules, c)
			continue
		}
		for _, k := range r.Keywords {
			id, ok := kwIndex[k]
			if !ok {
				id = len(keywords)
				kwIndex[k] = id
				keywords = append(keywords, k)
				s.kwRules = append(s.kwRules, nil)
			}
			s.kwRules[id] = append(s.kwRules[id], int32(i))
		}
	}
	s.kw = newKeywordMatcher(keywords)
	s.overlap = maxMulti + 2*maxLine + 1024
	s.allowPaths, _ = glob.NewList(cfg.AllowPaths)
	s.exclude, _ = glob.NewList(cfg.ExcludePaths)
	for _, p := range cfg.AllowPatterns {
		s.allowRes = append(s.allowRes, regexp.MustCompile(p))
	}
	for _, w := range cfg.StopWords {
		if w != "" {
			s.stopWords = append(s.stopWords, bytes.ToLower([]byte(w)))
		}
	}
	s.scratch.New = func() any { return newScratch(len(s.rules)) }
	return s, nil
}

// Rules returns the built-in rules, in the order they take precedence.
func Rules() []Rule {
	rs := builtinRules()
	out := make([]Rule, len(rs))
	for i, r := range rs {
		out[i] = *r
		out[i].check = nil
	}
	return out
}

// pathAllowed reports whether the file rel, met outside a walk, is left
// out by Config.ExcludePaths (told to OnExclude) or Config.AllowPaths,
// itself or through a directory above it.
func (s *Scanner) pathAllowed(rel string) bool {
	if at, ok := s.exclude.Excluded(rel); ok {
		s.excluded(at)
		return true
	}
	_, ok := s.allowPaths.Excluded(rel)
	return ok
}

// entryLeftOut is pathAllowed for an entry of a walk, whose parent
// directories were not left out.
func (s *Scanner) entryLeftOut(rel string, isDir bool) bool {
	if s.exclude.Match(rel, isDir) {
		s.excluded(rel)
		return true
	}
	return s.allowPaths.Match(rel, isDir)
}

func (s *Scanner) excluded(path string) {
	if s.cfg.OnExclude == nil {
		return
	}
	s.skipMu.Lock()
	defer s.skipMu.Unlock()
	s.cfg.OnExclude(path)
}

func (s *Scanner) skip(path, reason string) {
	if s.cfg.OnSkip == nil {
		return
	}
	s.skipMu.Lock()
	defer s.skipMu.Unlock()
	s.cfg.OnSkip(path, reason)
}

// ScanReader scans one file's content, read from r in chunks that overlap
// by more than the longest match, so a secret that straddles a chunk edge
// is found once. path names the file in findings and decides its kind
// (lockfile, CI workflow, source …). Binary content (a NUL byte in the
// first 8 KiB, UTF-16 text excepted) yields nothing. At most
// Config.MaxFileSize bytes are read; a longer stream is reported through
// OnSkip.
func (s *Scanner) ScanReader(ctx context.Context, path string, r io.Reader) ([]vouch.Finding, error) {
	if s.pathAllowed(strings.TrimPrefix(path, "/")) {
		return nil, nil
	}
	var out []vouch.Finding
	err := s.scanStream(ctx, classify(path), io.LimitReader(r, s.cfg.MaxFileSize), func(f vouch.Finding, _ string) { out = append(out, f) })
	if err == nil {
		var one [1]byte
		if n, _ := io.ReadFull(r, one[:]); n > 0 {
			s.skip(path, "too large: only the first MaxFileSize bytes were scanned")
		}
	}
	sortFindings(out)
	return out, err
}

// ScanBytes scans content already in memory.
func (s *Scanner) ScanBytes(path string, content []byte) []vouch.Finding {
	if s.pathAllowed(strings.TrimPrefix(path, "/")) {
		return nil
	}
	var out []vouch.Finding
	s.scanContent(classify(path), content, func(f vouch.Finding, _ string) { out = append(out, f) })
	sortFindings(out)
	return out
}

// emitFunc receives a finding and, in git history, the fingerprint the
// finding would have without its commit, which identifies the same secret
// across commits.
type emitFunc func(f vouch.Finding, key string)

// scanStream reads r chunk by chunk. Each chunk owns the matches that start
// before its last s.overlap bytes; those bytes are carried into the next
// chunk, which owns them, so every match no longer than the overlap is seen
// whole exactly once.
func (s *Scanner) scanStream(ctx context.Context, fi *fileInfo, r io.Reader, emit emitFunc) error {
	chunk := s.chunkSize
	buf := make([]byte, 0, chunk+s.overlap)
	var base int64
	line := 1
	first := true
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		eof := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !eof {
			return fmt.Errorf("read %s: %w", fi.path, err)
		}
		if first {
			first = false
			if isBinary(buf) {
				if u, ok := decodeUTF16(buf, eof); ok {
					s.scanContent(fi, u, emit)
					return drain(r, s.cfg.MaxFileSize)
				}
				return nil
			}
			if eof {
				s.scanChunk(fi, buf, len(buf), base, line, emit)
				return nil
			}
		}
		own := len(buf)
		if !eof {
			own = len(buf) - s.overlap
			// Carry whole lines: start the carried tail at a line start
			// when one is near, so windows are not cut mid-line.
			if i := bytes.LastIndexByte(buf[:own], '\n'); i >= 0 && own-i < maxLine {
				own = i + 1
			}
		}
		s.scanChunk(fi, buf, own, base, line, emit)
		if eof {
			return nil
		}
		line += bytes.Count(buf[:own], []byte{'\n'})
		base += int64(own)
		n = copy(buf, buf[own:])
		buf = buf[:n]
	}
}

// drain discards the rest of r, at most limit bytes.
func drain(r io.Reader, limit int64) error {
	_, err := io.CopyN(io.Discard, r, limit)
	if err == io.EOF {
		return nil
	}
	return err
}

// scanContent scans a whole file held in memory.
func (s *Scanner) scanContent(fi *fileInfo, b []byte, emit emitFunc) {
	if isBinary(b) {
		u, ok := decodeUTF16(b, true)
		if !ok {
			return
		}
		b = u
	}
	s.scanChunk(fi, b, len(b), 0, 1, emit)
}

// isBinary sniffs the first 8 KiB for a NUL byte, as git does.
func isBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	return bytes.IndexByte(b, 0) >= 0
}

// decodeUTF16 turns UTF-16 text with a byte-order mark (Windows tools write
// .reg exports, PowerShell transcripts and some configs so) into UTF-8. It
// needs the whole content: complete says b is all of it.
func decodeUTF16(b []byte, complete bool) ([]byte, bool) {
	if !complete || len(b) < 2 || len(b)%2 != 0 {
		return nil, false
	}
	var le bool
	switch {
	case b[0] == 0xFF && b[1] == 0xFE:
		le = true
	case b[0] == 0xFE && b[1] == 0xFF:
	default:
		return nil, false
	}
	u := make([]uint16, 0, len(b)/2-1)
	for i := 2; i+1 < len(b); i += 2 {
		if le {
			u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
		} else {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
	}
	out := []byte(string(utf16.Decode(u)))
	if bytes.IndexByte(out, 0) >= 0 {
		return nil, false
	}
	return out, true
}

// span is a window of a buffer.
type span struct{ start, end int }

// scratch is per-goroutine working memory.
type scratch struct {
	windows [][]span // rule index → windows to run it on
	touched []int
	matches []rawMatch
}

func newScratch(nrules int) *scratch {
	return &scratch{windows: make([][]span, nrules)}
}

// rawMatch is a candidate that passed its rule.
type rawMatch struct {
	rule           *compiledRule
	start, end     int // the whole match
	sstart, send   int // the secret
	secretOverride []byte
}

func (m *rawMatch) secret(buf []byte) []byte {
	if m.secretOverride != nil {
		return m.secretOverride
	}
	return buf[m.sstart:m.send]
}

// scanChunk finds secrets in buf, reporting those whose match starts before
// own. base and line are buf[0]'s offset and line number in the file.
func (s *Scanner) scanChunk(fi *fileInfo, buf []byte, own int, base int64, line int, emit emitFunc) {
	st := s.scratch.Get().(*scratch)
	defer s.scratch.Put(st)
	st.touched = st.touched[:0]
	st.matches = st.matches[:0]

	s.collectWindows(st, fi, buf)

	// Pass 2: each touched rule's pattern over its windows.
	sort.Ints(st.touched)
	c := candidate{file: fi, buf: buf}
	for _, ri := range st.touched {
		r := s.rules[ri]
		for _, w := range st.windows[ri] {
			win := buf[w.start:w.end]
			if r.anchored {
				var m []int
				if r.match != nil {
					m = r.match(win)
				} else {
					m = r.re.FindSubmatchIndex(win)
				}
				if m != nil && w.start+m[0] < own {
					if rm, ok := s.vet(r, &c, win, w.start, m); ok {
						st.matches = append(st.matches, rm)
					}
				}
				continue
			}
			for _, m := range r.re.FindAllSubmatchIndex(win, -1) {
				start := w.start + m[0]
				if start >= own {
					continue
				}
				if rm, ok := s.vet(r, &c, win, w.start, m); ok {
					st.matches = append(st.matches, rm)
				}
			}
		}
		st.windows[ri] = st.windows[ri][:0]
	}
	if len(st.matches) == 0 {
		return
	}
	s.report(fi, buf, st.matches, base, line, emit)
}

// identStart walks back from pos over identifier bytes (letters, digits,
// _ . -) to where the identifier holding a keyword starts, not before
// lineStart and at most 128 bytes.
func identStart(buf []byte, pos, lineStart int) int {
	lo := max(lineStart, pos-128)
	i := pos
	for i > lo {
		c := buf[i-1]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' {
			i--
			continue
		}
		break
	}
	return i
}

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// assignmentAhead is a cheap test, run before a generic pattern, that the
// identifier starting at start (holding a keyword at pos) is followed by
// an assignment: "=", ":", ":=", "=>", "?=", a quoted value after spaces,
// "," after a quoted name (define('NAME', …)) or ">" after "<NAME".
func assignmentAhead(name func([]byte) bool, buf []byte, start, pos, end int) bool {
	j := pos
	for j < end && isIdentByte(buf[j]) {
		j++
	}
	if name != nil && !name(buf[start:j]) {
		return false
	}
	k := j
	for q := 0; q < 2 && k < end && (buf[k] == '"' || buf[k] == '\'' || buf[k] == ']'); q++ {
		k++
	}
	sp := k
	for k < end && (buf[k] == ' ' || buf[k] == '\t') {
		k++
	}
	if k >= end {
		return false
	}
	var before byte
	if start > 0 {
		before = buf[start-1]
	}
	switch c := buf[k]; c {
	case '=':
		return k+1 >= end || buf[k+1] != '='
	case ':':
		return true
	case '?':
		return k+1 < end && buf[k+1] == '='
	case '>':
		return before == '<'
	case ',':
		return before == '"' || before == '\''
	case '"', '\'', '`':
		return k > sp
	}
	return false
}

// collectWindows is pass 1: keywords → per-rule windows around the lines
// they sit on, recorded in st.
func (s *Scanner) collectWindows(st *scratch, fi *fileInfo, buf []byte) {
	lineStart, lineEnd, long := -1, -1, false
	strictOnly := fi.strictOnly
	s.kw.scan(buf, func(id, pos int) {
		if pos < lineStart || pos >= lineEnd {
			lineStart, lineEnd, long = lineBounds(buf, pos)
		}
		for _, ri := range s.kwRules[id] {
			r := s.rules[ri]
			if (strictOnly || long) && !r.Strict {
				continue
			}
			w := span{lineStart, lineEnd}
			if long {
				w = span{max(0, pos-longLineWindow), min(len(buf), pos+longLineWindow)}
			}
			if r.MultiLine > 0 {
				w.end = min(len(buf), max(w.end, pos+r.MultiLine))
			}
			ws := st.windows[ri]
			if len(ws) == 0 {
				st.touched = append(st.touched, int(ri))
			}
			if r.anchored {
				// One window per identifier, starting where it starts,
				// and only when an assignment follows it.
				w.start = identStart(buf, pos, lineStart)
				w.end = min(w.end, w.start+anchoredWindow)
				if n := len(ws); (n == 0 || ws[n-1].start != w.start) && (!r.assignment || assignmentAhead(r.name, buf, w.start, pos, w.end)) {
					st.windows[ri] = append(ws, w)
				}
				continue
			}
			if n := len(ws); n > 0 && w.start <= ws[n-1].end {
				if w.end > ws[n-1].end {
					ws[n-1].end = w.end
				}
			} else {
				ws = append(ws, w)
			}
			st.windows[ri] = ws
		}
	})
	// Rules keyed on a file's name run over the whole (small) file.
	if !strictOnly && len(buf) <= 1<<20 {
		for _, r := range s.pathRules {
			if fi.hasSuffix(r.pathSuffixes) {
				if len(st.windows[r.index]) == 0 {
					st.touched = append(st.touched, r.index)
				}
				st.windows[r.index] = append(st.windows[r.index][:0], span{0, len(buf)})
			}
		}
	}

}

// lineBounds returns the line around pos, or reports a long line when
// either end is more than maxLine away.
func lineBounds(buf []byte, pos int) (start, end int, long bool) {
	lo := max(0, pos-maxLine)
	if i := bytes.LastIndexByte(buf[lo:pos], '\n'); i >= 0 {
		start = lo + i + 1
	} else if lo == 0 {
		start = 0
	} else {
		long = true
		start = lo
	}
	hi := min(len(buf), pos+maxLine)
	if i := bytes.IndexByte(buf[pos:hi], '\n'); i >= 0 {
		end = pos + i + 1
	} else if hi == len(buf) {
		end = hi
	} else {
		long = true
		end = hi
	}
	return start, end, long
}

// vet turns a pattern match into a rawMatch if every check passes.
func (s *Scanner) vet(r *compiledRule, c *candidate, win []byte, off int, m []int) (rawMatch, bool) {
	g := r.SecretGroup
	if g < 0 { // first group that took part
		g = 0
		for i := 1; 2*i < len(m); i++ {
			if m[2*i] >= 0 {
				g = i
				break
			}
		}
	}
	if m[2*g] < 0 {
		return rawMatch{}, false
	}
	c.match = win[m[0]:m[1]]
	c.secret = win[m[2*g]:m[2*g+1]]
	c.secretStart = off + m[2*g]
	c.groups = c.groups[:0]
	for i := 0; 2*i < len(m); i++ {
		if m[2*i] < 0 {
			c.groups = append(c.groups, nil)
		} else {
			c.groups = append(c.groups, win[m[2*i]:m[2*i+1]])
		}
	}
	c.override = nil
	if r.check != nil && !r.check(c) {
		return rawMatch{}, false
	}
	secret := c.secret
	if c.override != nil {
		secret = c.override
	}
	if len(secret) == 0 {
		return rawMatch{}, false
	}
	if r.Entropy > 0 && shannon(secret) < r.Entropy {
		return rawMatch{}, false
	}
	if s.knownFake[string(secret)] {
		return rawMatch{}, false // a documentation example, whichever rule saw it
	}
	if isObviousPlaceholder(secret) {
		return rawMatch{}, false
	}
	for _, re := range s.allowRes {
		if re.Match(secret) {
			return rawMatch{}, false
		}
	}
	if len(s.stopWords) > 0 {
		low := bytes.ToLower(secret)
		for _, w := range s.stopWords {
			if bytes.Contains(low, w) {
				return rawMatch{}, false
			}
		}
	}
	rm := rawMatch{rule: r, start: off + m[0], end: off + m[1]}
	// The secret is a sub-slice of the buffer unless a check decoded it.
	if c.override != nil {
		rm.secretOverride = append([]byte(nil), c.override...)
		rm.sstart, rm.send = c.secretStart, c.secretStart+len(c.secret)
	} else {
		rm.sstart = c.secretStart
		rm.send = c.secretStart + len(c.secret)
	}
	return rm, true
}

// report drops overlapping matches (the earlier rule wins: provider rules
// come before pipeline rules, which come before generic ones), applies
// inline suppressions and emits findings.
func (s *Scanner) report(fi *fileInfo, buf []byte, ms []rawMatch, base int64, line int, emit emitFunc) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].sstart != ms[j].sstart {
			return ms[i].sstart < ms[j].sstart
		}
		return ms[i].rule.index < ms[j].rule.index
	})
	keep := ms[:0]
	for _, m := range ms {
		dup := false
		for k := len(keep) - 1; k >= 0 && k >= len(keep)-8; k-- {
			o := &keep[k]
			// A token inside a PEM block is a finding of its own; any
			// other overlap is one secret seen by two rules.
			nested := (o.rule.MultiLine > 0 && o.sstart <= m.sstart && m.send <= o.send && (o.sstart != m.sstart || o.send != m.send)) ||
				(m.rule.MultiLine > 0 && m.sstart <= o.sstart && o.send <= m.send && (o.sstart != m.sstart || o.send != m.send))
			if m.sstart < o.send && o.sstart < m.send && !nested {
				if o.rule.ID == m.rule.ID || o.rule.index < m.rule.index {
					dup = true
				} else {
					*o = m // the earlier rule replaces the later one
					dup = true
				}
				break
			}
		}
		if !dup {
			keep = append(keep, m)
		}
	}
	// A finding is placed where its secret starts (the value of an
	// assignment, the BEGIN line of a key).
	sort.Slice(keep, func(i, j int) bool { return keep[i].sstart < keep[j].sstart })
	pos, ln := 0, line
	for _, m := range keep {
		at := m.sstart
		ln += bytes.Count(buf[pos:at], []byte{'\n'})
		pos = at
		ls := bytes.LastIndexByte(buf[:at], '\n') + 1
		le := bytes.IndexByte(buf[at:], '\n')
		if le < 0 {
			le = len(buf)
		} else {
			le += at
		}
		col := at - ls + 1
		secret := m.secret(buf)
		f := vouch.Finding{
			Kind:        vouch.KindSecret,
			ID:          m.rule.ID,
			Title:       m.rule.Description,
			Severity:    m.rule.Severity,
			Location:    vouch.Location{Path: fi.path, Line: ln},
			Masked:      Mask(secret),
			Fingerprint: Fingerprint(m.rule.ID, fi.path, secret, fi.commit),
		}
		d := Detail{Column: col, Commit: fi.commit, Author: fi.author, Date: fi.date}
		f.Detail = d.String()
		if ignoredInline(buf[ls:le], m.rule.ID) {
			f.Suppressed = &vouch.Suppression{Source: "inline", Reason: "vouch:ignore comment"}
		}
		var key string
		if fi.commit != "" {
			key = Fingerprint(m.rule.ID, fi.path, secret, "")
		}
		emit(f, key)
	}
}

// ignoredInline reports whether line carries "vouch:ignore" for rule id:
// bare, or followed by a list of rule ids that includes it.
func ignoredInline(line []byte, id string) bool {
	i := bytes.Index(line, []byte("vouch:ignore"))
	if i < 0 {
		return false
	}
	rest := line[i+len("vouch:ignore"):]
	if len(rest) == 0 || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '=' && rest[0] != ':') {
		return len(rest) == 0 || !isIDByte(rest[0])
	}
	rest = bytes.TrimLeft(rest, " \t=:")
	j := 0
	for j < len(rest) && (isIDByte(rest[j]) || rest[j] == ',' || rest[j] == ' ') {
		j++
	}
	ids := strings.FieldsFunc(string(rest[:j]), func(r rune) bool { return r == ',' || r == ' ' })
	if len(ids) == 0 {
		return true
	}
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// isObviousPlaceholder reports runs of one character (xxxxxx, ******,
// 000000) and ellipses that no real credential contains.
func isObviousPlaceholder(s []byte) bool {
	run := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && s[i] != 'A' { // AAAA… opens Twitter bearer tokens
			run++
			if run >= 6 {
				return true
			}
		} else {
			run = 1
		}
	}
	return bytes.Contains(s, []byte("...")) || bytes.Contains(s, []byte("…"))
}

// Mask shows at most four characters at each end of a secret, fewer for
// short ones, and never the whole secret.
func Mask(secret []byte) string {
	n := len(secret)
	keep := min(4, n/4)
	stars := n - 2*keep
	if stars > 32 {
		stars = 32
	}
	var b strings.Builder
	b.Grow(2*keep + stars)
	writeSafe(&b, secret[:keep])
	b.WriteString(strings.Repeat("*", stars))
	writeSafe(&b, secret[n-keep:])
	return b.String()
}

// writeSafe writes printable ASCII and replaces anything else with '*'.
func writeSafe(b *strings.Builder, p []byte) {
	for _, c := range p {
		if c < 0x20 || c > 0x7e {
			c = '*'
		}
		b.WriteByte(c)
	}
}

// Fingerprint is a stable identity of a finding: the hex SHA-256 of the
// rule id, the path, the SHA-256 of the secret and, in git history, the
// commit. It does not change when lines move, and it reveals nothing
// about the secret.
func Fingerprint(ruleID, path string, secret []byte, commit string) string {
	sum := sha256.Sum256(secret)
	h := sha256.New()
	h.Write([]byte(ruleID))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write([]byte(hex.EncodeToString(sum[:])))
	if commit != "" {
		h.Write([]byte{0})
		h.Write([]byte(commit))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Detail is what a secret finding's Detail field carries, written as
// "column N" and, for findings in git history, "; commit H; author A;
// date D" (RFC 3339), so that it reads well and parses back.
type Detail struct {
	Column int
	Commit string
	Author string
	Date   string
}

func (d Detail) String() string {
	var parts []string
	if d.Column > 0 {
		parts = append(parts, "column "+strconv.Itoa(d.Column))
	}
	if d.Commit != "" {
		parts = append(parts, "commit "+d.Commit)
	}
	if d.Author != "" {
		parts = append(parts, "author "+strings.ReplaceAll(d.Author, ";", ","))
	}
	if d.Date != "" {
		parts = append(parts, "date "+d.Date)
	}
	return strings.Join(parts, "; ")
}

// ParseDetail reads a secret finding's Detail field.
func ParseDetail(s string) Detail {
	var d Detail
	for _, p := range strings.Split(s, "; ") {
		k, v, _ := strings.Cut(p, " ")
		switch k {
		case "column":
			d.Column, _ = strconv.Atoi(v)
		case "commit":
			d.Commit = v
		case "author":
			d.Author = v
		case "date":
			d.Date = v
		}
	}
	return d
}

func sortFindings(fs []vouch.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.Line != b.Location.Line {
			return a.Location.Line < b.Location.Line
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Fingerprint < b.Fingerprint
	})
}
