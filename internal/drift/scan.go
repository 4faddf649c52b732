package drift

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
)

// Entry types.
const (
	TypeFile    = "file"
	TypeDir     = "dir"
	TypeSymlink = "symlink"
	TypeOther   = "other" // devices, fifos, sockets: recorded, never opened
)

// Entry is one thing in a tree.
type Entry struct {
	Path   string `json:"path"` // slash-separated, relative to the root
	Type   string `json:"type"`
	Mode   string `json:"mode"` // permission and setuid/setgid/sticky bits, octal: "0644", "04755"
	Size   *int64 `json:"size,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	Target string `json:"target,omitempty"` // a symbolic link's text

	// Err is why a file could not be read; set by Scan, never encoded.
	Err error `json:"-"`
}

// MaxEntries caps the entries of one tree, to bound memory.
const MaxEntries = 10_000_000

// ScanOptions steer Scan.
type ScanOptions struct {
	// Exclude holds path.Match patterns; an entry whose slash path or
	// base name matches one is left out (with everything under it).
	Exclude []string
	// Hash reports whether a regular file's content must be hashed; all
	// files are hashed when nil. Drift hashes only the files whose size
	// matches the manifest's.
	Hash func(e *Entry) bool
	// Workers is the number of goroutines reading the tree; twice the
	// CPUs (at least 4) when zero: hashing small files waits on the
	// kernel as much as on the CPU.
	Workers int
}

// Scan lists every entry under root, sorted by path, without following a
// symbolic link anywhere (links are recorded with their text). The root
// itself may be a link; it is resolved once. Directories are read and
// files hashed in parallel. A file that cannot be read is listed with
// Err set; a directory that cannot be read fails the scan.
func Scan(ctx context.Context, root string, opts ScanOptions) ([]*Entry, error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", root, err)
	}
	fi, err := os.Stat(realRoot)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", root, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("tree %s: not a directory", root)
	}
	for _, p := range opts.Exclude {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("exclude pattern %q: %w", p, err)
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = max(4, 2*runtime.GOMAXPROCS(0))
	}
	s := &scanner{root: realRoot, opts: opts}
	s.q.cond = sync.NewCond(&s.q.mu)
	s.q.push(job{dir: ""})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.work(ctx)
		}()
	}
	wg.Wait()
	if s.err != nil {
		return nil, s.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := s.entries
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// job is a directory to read, or a batch of files to hash.
type job struct {
	dir   string
	files []*Entry
	h     *dirHandle // the open directory the files are in (unix)
}

// queue is an unbounded work queue: workers add to it as they go, so a
// bounded channel could deadlock.
type queue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	jobs    []job
	pending int // jobs queued or running
	closed  bool
}

func (q *queue) push(j job) {
	q.mu.Lock()
	q.jobs = append(q.jobs, j)
	q.pending++
	q.mu.Unlock()
	q.cond.Signal()
}

// pop waits for a job; ok is false when every job is done.
func (q *queue) pop() (job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.jobs) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed && len(q.jobs) == 0 {
		return job{}, false
	}
	j := q.jobs[len(q.jobs)-1]
	q.jobs = q.jobs[:len(q.jobs)-1]
	return j, true
}

// done marks a popped job finished; the last one closes the queue.
func (q *queue) done() {
	q.mu.Lock()
	q.pending--
	if q.pending == 0 {
		q.closed = true
		q.cond.Broadcast()
	}
	q.mu.Unlock()
}

func (q *queue) abort() {
	q.mu.Lock()
	q.closed = true
	q.jobs = nil
	q.cond.Broadcast()
	q.mu.Unlock()
}

type scanner struct {
	root string
	opts ScanOptions
	q    queue

	mu      sync.Mutex
	entries []*Entry
	err     error
}

func (s *scanner) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.q.abort()
}

const hashBatch = 32

func (s *scanner) work(ctx context.Context) {
	h := sha256.New()
	buf := make([]byte, 32<<10)
	for {
		j, ok := s.q.pop()
		if !ok {
			return
		}
		if err := ctx.Err(); err != nil {
			s.fail(err)
			s.q.done()
			return
		}
		if j.files != nil {
			s.hashFiles(j, h, buf)
		} else if err := s.readDir(j.dir); err != nil {
			s.fail(err)
		}
		s.q.done()
	}
}

func (s *scanner) excluded(p, base string) bool {
	for _, pat := range s.opts.Exclude {
		if ok, _ := path.Match(pat, p); ok {
			return true
		}
		if ok, _ := path.Match(pat, base); ok {
			return true
		}
	}
	return false
}

// setDigest records a hash's sum on e.
func setDigest(e *Entry, h hash.Hash) {
	var sum [sha256.Size]byte
	e.SHA256 = hex.EncodeToString(h.Sum(sum[:0]))
}

// add appends one directory's entries to the result.
func (s *scanner) add(local []*Entry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.entries)+len(local) > MaxEntries {
		return fmt.Errorf("more than %d entries; vouch drift reads trees up to that size", MaxEntries)
	}
	s.entries = append(s.entries, local...)
	return nil
}

// needsHash asks the caller whether a file's content is wanted.
func (s *scanner) needsHash(e *Entry) bool {
	return s.opts.Hash == nil || s.opts.Hash(e)
}

// formatMode writes permission bits and setuid, setgid and sticky in
// octal, Unix style: "0644", "04755".
func formatMode(m fs.FileMode) string {
	bits := uint64(m.Perm())
	if m&fs.ModeSetuid != 0 {
		bits |= 0o4000
	}
	if m&fs.ModeSetgid != 0 {
		bits |= 0o2000
	}
	if m&fs.ModeSticky != 0 {
		bits |= 0o1000
	}
	s := strconv.FormatUint(bits, 8)
	for len(s) < 3 {
		s = "0" + s
	}
	return "0" + s
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func displayPath(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}
