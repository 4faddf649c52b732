package vulndb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// ErrNoDatabase is returned by Open when dir holds no database yet.
var ErrNoDatabase = errors.New("no advisory database")

// Names inside a database directory.
const (
	currentName = "current"      // holds the name of the current generation
	writerLock  = "lock"         // held exclusively by the one import or update
	readersLock = "readers.lock" // in each generation, held shared by open DBs
	statusName  = "status.json"  // in each generation
	genPrefix   = "gen-"
)

// DefaultDir is where the database lives unless the caller says otherwise
// (--db-dir, VOUCH_DB_DIR): the user's cache directory + "/vouch/db".
func DefaultDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "vouch", "db")
}

// Status describes a database generation.
type Status struct {
	Dir        string    `json:"dir"`
	Generation string    `json:"generation"`
	Previous   string    `json:"previous,omitempty"`
	Built      time.Time `json:"built"`
	// Sources are the files and URLs the database was built from, newest
	// first; one entry per location.
	Sources []Source `json:"sources"`
	// Records counts the records per base ecosystem ("Debian" for all of
	// "Debian:11", "Debian:12" …), withdrawn ones included.
	Records map[string]int `json:"records"`
	// Withdrawn counts the withdrawn records, which never match.
	Withdrawn int `json:"withdrawn"`
	// Rebuilt lists the ecosystems whose files the last import or update
	// wrote or emptied; the others were carried over unchanged.
	Rebuilt []string `json:"rebuilt,omitempty"`
	// Size is the size in bytes of the generation's files.
	Size int64 `json:"size"`
}

// Source is one place records came from.
type Source struct {
	Location     string    `json:"location"`            // absolute path or URL
	Ecosystem    string    `json:"ecosystem,omitempty"` // for downloads
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"lastModified,omitempty"`
	Fetched      time.Time `json:"fetched"`
	// Records is how many documents the source held when last read.
	Records int `json:"records"`
	// NotModified is set when the last update found the source unchanged.
	NotModified bool `json:"notModified,omitempty"`
}

// Total is the number of records over all ecosystems.
func (s *Status) Total() int {
	n := 0
	for _, v := range s.Records {
		n += v
	}
	return n
}

// Ecosystems lists the base ecosystems the database holds, sorted.
func (s *Status) Ecosystems() []string {
	return slices.Sorted(maps.Keys(s.Records))
}

func (s *Status) clone() *Status {
	c := *s
	c.Sources = slices.Clone(s.Sources)
	c.Records = maps.Clone(s.Records)
	c.Rebuilt = slices.Clone(s.Rebuilt)
	return &c
}

// DB is an open database generation. It is safe for concurrent use; a DB
// keeps working while imports and updates replace the generation it
// opened.
type DB struct {
	mu     sync.RWMutex
	status *Status
	files  map[string]*file
	lock   *os.File
	closed bool
}

// Open opens the current generation of the database in dir. It returns an
// error wrapping ErrNoDatabase when there is none.
func Open(dir string) (*DB, error) {
	for attempt := 0; ; attempt++ {
		db, err := openCurrent(dir, true)
		// A generation that vanished between reading the pointer and
		// locking it was replaced twice in that instant: read the pointer
		// again.
		if errors.Is(err, errVanished) && attempt < 3 {
			continue
		}
		return db, err
	}
}

var errVanished = errors.New("generation vanished")

func openCurrent(dir string, lockShared bool) (*DB, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open advisory db %s: %w", dir, ErrNoDatabase)
	}
	if err != nil {
		return nil, fmt.Errorf("open advisory db %s: %w", dir, err)
	}
	gen := strings.TrimSpace(string(b))
	if !validGen(gen) {
		return nil, fmt.Errorf("open advisory db %s: current names %q, not a generation", dir, gen)
	}
	return openGen(dir, gen, lockShared)
}

func validGen(gen string) bool {
	return strings.HasPrefix(gen, genPrefix) && !strings.ContainsAny(gen, `/\`) && gen != "." && gen != ".."
}

func openGen(dir, gen string, lockShared bool) (_ *DB, err error) {
	gdir := filepath.Join(dir, gen)
	db := &DB{files: map[string]*file{}}
	defer func() {
		if err != nil {
			db.closeFiles()
		}
	}()
	if lockShared {
		l, err := os.Open(filepath.Join(gdir, readersLock))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errVanished
		}
		if err != nil {
			return nil, fmt.Errorf("open advisory db %s: %w", gdir, err)
		}
		db.lock = l
		if _, err := lockFile(l, false, true); err != nil {
			return nil, fmt.Errorf("lock advisory db %s: %w", gdir, err)
		}
	}
	sb, err := os.ReadFile(filepath.Join(gdir, statusName))
	if errors.Is(err, fs.ErrNotExist) && lockShared {
		return nil, errVanished
	}
	if err != nil {
		return nil, fmt.Errorf("open advisory db %s: %w", gdir, err)
	}
	var st Status
	if err := json.Unmarshal(sb, &st); err != nil {
		return nil, fmt.Errorf("open advisory db %s: status: %w", gdir, err)
	}
	st.Dir = dir
	st.Generation = gen
	if st.Records == nil {
		st.Records = map[string]int{}
	}
	db.status = &st
	for base := range st.Records {
		f, err := openFile(filepath.Join(gdir, fileName(base)), base)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && lockShared {
				return nil, errVanished
			}
			if errors.Is(err, errFormat) {
				return nil, fmt.Errorf("open advisory db %s: %w (rebuild it with vouch db update)", gdir, err)
			}
			return nil, fmt.Errorf("open advisory db %s: %w", gdir, err)
		}
		db.files[base] = f
	}
	return db, nil
}

// Status returns what the open generation holds.
func (db *DB) Status() *Status { return db.status.clone() }

// Close releases the generation. Findings already returned stay valid.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	return db.closeFiles()
}

func (db *DB) closeFiles() error {
	var errs []error
	for _, f := range db.files {
		errs = append(errs, f.close())
	}
	db.files = nil
	if db.lock != nil {
		errs = append(errs, db.lock.Close())
		db.lock = nil
	}
	return errors.Join(errs...)
}

// writer is an import or update in progress: it holds dir's writer lock.
type writer struct {
	dir  string
	lock *os.File
}

func lockWriter(ctx context.Context, dir string) (*writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create advisory db %s: %w", dir, err)
	}
	l, err := os.OpenFile(filepath.Join(dir, writerLock), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock advisory db %s: %w", dir, err)
	}
	for {
		ok, err := lockFile(l, true, false)
		if err != nil {
			l.Close()
			return nil, fmt.Errorf("lock advisory db %s: %w", dir, err)
		}
		if ok {
			return &writer{dir: dir, lock: l}, nil
		}
		select {
		case <-ctx.Done():
			l.Close()
			return nil, fmt.Errorf("lock advisory db %s: another import or update is running: %w", dir, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (w *writer) unlock() { w.lock.Close() }

// testHookBuilt, when set, runs after the files of a new generation are
// written and before it becomes current; tests use it to kill an update
// midway.
var testHookBuilt func(gdir string)

// commit merges advs into the current generation and makes the result the
// new current generation: records are matched by id and the newest
// modified wins (the incoming one on a tie). Files of ecosystems that no
// incoming record touches are hard-linked from the previous generation.
func (w *writer) commit(ctx context.Context, advs []*advisory, sources []Source) (*Status, error) {
	old, err := openCurrent(w.dir, false)
	switch {
	case errors.Is(err, ErrNoDatabase):
		old = nil
	case err != nil:
		return nil, err
	}
	if old != nil {
		defer old.closeFiles()
	}

	// Newest modified wins among the incoming records, the later on a tie.
	byID := make(map[string]*advisory, len(advs))
	for _, a := range advs {
		if prev, ok := byID[a.id]; ok && prev.modified.After(a.modified) {
			continue
		}
		byID[a.id] = a
	}
	// Against what the database holds: an incoming record loses to a
	// newer one already there, and supersedes it otherwise.
	superseded := map[string]bool{}
	touched := map[string]bool{}
	if old != nil {
		for _, f := range old.files {
			for i := range f.nRecs {
				m := f.rec(i)
				if a, ok := byID[m.id]; ok && m.modified.After(a.modified) {
					delete(byID, m.id)
				}
			}
		}
		for _, f := range old.files {
			for i := range f.nRecs {
				if id := f.rec(i).id; byID[id] != nil {
					superseded[id] = true
					touched[f.base] = true
				}
			}
		}
	}
	perEco := map[string][]*advisory{}
	for _, a := range byID {
		for _, e := range a.ecosystems {
			perEco[e] = append(perEco[e], a)
			touched[e] = true
		}
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	gen, gdir, err := newGenDir(w.dir)
	if err != nil {
		return nil, err
	}
	st := &Status{Dir: w.dir, Generation: gen, Built: time.Now().UTC(), Records: map[string]int{}}
	if old != nil {
		st.Previous = old.status.Generation
		st.Sources = old.status.Sources
	}
	st.Sources = mergeSources(sources, st.Sources)

	ecos := map[string]bool{}
	for e := range touched {
		ecos[e] = true
	}
	if old != nil {
		for e := range old.files {
			ecos[e] = true
		}
	}
	// Carry unchanged files over; write the others on all CPUs.
	var (
		wmu   sync.Mutex
		wg    sync.WaitGroup
		werrs []error
		sem   = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	fail := func(err error) {
		wmu.Lock()
		werrs = append(werrs, err)
		wmu.Unlock()
	}
	for _, base := range slices.Sorted(maps.Keys(ecos)) {
		dst := filepath.Join(gdir, fileName(base))
		if !touched[base] {
			if err := linkOrCopy(filepath.Join(w.dir, old.status.Generation, fileName(base)), dst); err != nil {
				fail(fmt.Errorf("carry %s over: %w", base, err))
				break
			}
			st.Records[base] = old.status.Records[base]
			continue
		}
		var of *file
		if old != nil {
			of = old.files[base]
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := ctx.Err(); err != nil {
				fail(err)
				return
			}
			recs := perEco[base]
			if of != nil {
				kept, err := loadRecords(of, superseded)
				if err != nil {
					fail(fmt.Errorf("read %s records of %s: %w", base, old.status.Generation, err))
					return
				}
				recs = append(recs, kept...)
			}
			if len(recs) == 0 {
				wmu.Lock()
				st.Rebuilt = append(st.Rebuilt, base) // emptied: no file
				wmu.Unlock()
				return
			}
			if err := writeFile(dst, base, recs); err != nil {
				fail(fmt.Errorf("write %s: %w", dst, err))
				return
			}
			wmu.Lock()
			st.Records[base] = len(recs)
			st.Rebuilt = append(st.Rebuilt, base)
			wmu.Unlock()
			if testHookBuilt != nil {
				testHookBuilt(gdir)
			}
		}()
	}
	wg.Wait()
	if len(werrs) > 0 {
		os.RemoveAll(gdir)
		return nil, werrs[0]
	}
	sort.Strings(st.Rebuilt)
	for base := range st.Records {
		f, err := openFile(filepath.Join(gdir, fileName(base)), base)
		if err != nil {
			os.RemoveAll(gdir)
			return nil, fmt.Errorf("verify new %s file: %w", base, err)
		}
		for i := range f.nRecs {
			if f.rec(i).withdrawn {
				st.Withdrawn++
			}
		}
		f.close()
		if fi, err := os.Stat(filepath.Join(gdir, fileName(base))); err == nil {
			st.Size += fi.Size()
		}
	}
	if err := finishGen(gdir, st); err != nil {
		os.RemoveAll(gdir)
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		os.RemoveAll(gdir)
		return nil, err
	}
	if err := writeAtomic(w.dir, currentName, []byte(gen+"\n")); err != nil {
		os.RemoveAll(gdir)
		return nil, fmt.Errorf("switch advisory db %s to %s: %w", w.dir, gen, err)
	}
	w.cleanup(gen, st.Previous)
	return st.clone(), nil
}

// loadRecords reads back every record of f that is not superseded, with
// its card, original document and match entries, to be written again.
func loadRecords(f *file, superseded map[string]bool) ([]*advisory, error) {
	blocks := map[uint32][]byte{}
	payload := func(l loc) ([]byte, error) {
		b, ok := blocks[l.block]
		if !ok {
			var err error
			if b, err = f.block(l.block); err != nil {
				return nil, err
			}
			blocks[l.block] = b
		}
		return slice(b, l)
	}
	recs := make([]*advisory, f.nRecs)
	for i := range f.nRecs {
		m := f.rec(i)
		if superseded[m.id] {
			continue
		}
		c, err := payload(m.card)
		if err != nil {
			return nil, err
		}
		r, err := payload(m.raw)
		if err != nil {
			return nil, err
		}
		recs[i] = &advisory{id: m.id, modified: m.modified, withdrawn: m.withdrawn, card: c, raw: r, ecosystems: []string{f.base}}
	}
	for k := range f.nKeys {
		key := strings.Clone(f.keyAt(k))
		l, _ := f.lookup(key)
		p, err := payload(l)
		if err != nil {
			return nil, err
		}
		d := decoder{b: p}
		n := d.count()
		for range n {
			ri := d.uvarint()
			body := d.raw()
			if d.bad || ri >= uint64(len(recs)) {
				return nil, errCorrupt("match entries of " + key)
			}
			if a := recs[ri]; a != nil {
				a.entries = append(a.entries, matchEntry{base: f.base, key: key, body: body})
			}
		}
	}
	out := recs[:0]
	for _, r := range recs {
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

func newGenDir(dir string) (string, string, error) {
	gdir, err := os.MkdirTemp(dir, genPrefix+time.Now().UTC().Format("20060102T150405Z")+"-")
	if err != nil {
		return "", "", fmt.Errorf("create generation in %s: %w", dir, err)
	}
	return filepath.Base(gdir), gdir, nil
}

// finishGen writes the status and the readers' lock file of a generation
// and syncs the directory, so that the generation is complete on disk
// before anything points at it.
func finishGen(gdir string, st *Status) error {
	out := *st
	out.Dir = ""
	b, err := json.MarshalIndent(&out, "", "  ")
	if err != nil {
		return err
	}
	if err := writeSynced(filepath.Join(gdir, statusName), b); err != nil {
		return fmt.Errorf("write status: %w", err)
	}
	if err := writeSynced(filepath.Join(gdir, readersLock), nil); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	return syncDir(gdir)
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeAtomic replaces dir/name with b by writing a temporary file,
// syncing it, renaming it over name and syncing dir.
func writeAtomic(dir, name string, b []byte) error {
	tmp, err := os.CreateTemp(dir, name+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// cleanup removes what earlier runs left behind: generations other than
// the current and the previous one that no open DB holds, and temporary
// files of killed runs. It runs under the writer lock, so nothing it
// removes is being written.
func (w *writer) cleanup(current, previous string) {
	ents, err := os.ReadDir(w.dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		switch {
		case name == current || name == previous:
		case e.IsDir() && strings.HasPrefix(name, genPrefix):
			removeGenIfUnused(filepath.Join(w.dir, name))
		case strings.HasPrefix(name, currentName+".tmp-"), strings.HasPrefix(name, downloadPrefix):
			os.Remove(filepath.Join(w.dir, name))
		}
	}
}

func removeGenIfUnused(gdir string) {
	l, err := os.Open(filepath.Join(gdir, readersLock))
	if err == nil {
		ok, err := lockFile(l, true, false)
		if err != nil || !ok {
			l.Close()
			return // a scan still reads it; a later update removes it
		}
		defer l.Close()
	}
	os.RemoveAll(gdir)
}

// mergeSources puts the new sources first and keeps older ones whose
// location was not read again.
func mergeSources(newer, older []Source) []Source {
	out := slices.Clone(newer)
	seen := map[string]bool{}
	for _, s := range newer {
		seen[s.Location] = true
	}
	for _, s := range older {
		if !seen[s.Location] {
			out = append(out, s)
			seen[s.Location] = true
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Fetched.After(out[j].Fetched) })
	return out
}
