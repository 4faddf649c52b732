package secrets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// testHookReadDir, when set by a test, is told every directory the walk
// reads, relative to the root.
var testHookReadDir func(rel string)

// fileJob is one file for a worker.
type fileJob struct {
	abs, rel string
	size     int64
}

// ScanDir scans every regular file under root with a pool of
// Config.Workers goroutines. It never follows symbolic links, skips .git
// directories, and honours .gitignore files (nested ones, negation,
// directory-only and anchored patterns, **) and .git/info/exclude unless
// Config.NoIgnore is set. Directories that Config.ExcludePaths or
// Config.AllowPaths leave out are not read. Paths in findings are relative
// to root and slash-separated. A root that is a file is scanned alone.
func (s *Scanner) ScanDir(ctx context.Context, root string) ([]vouch.Finding, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", root, err)
	}
	if !st.IsDir() {
		var out []vouch.Finding
		err := s.scanFile(ctx, fileJob{abs: root, rel: filepath.ToSlash(filepath.Base(root)), size: st.Size()}, nil, func(f vouch.Finding, _ string) { out = append(out, f) })
		sortFindings(out)
		return out, err
	}

	jobs := make(chan fileJob, 256)
	var (
		mu  sync.Mutex
		out []vouch.Finding
		wg  sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i := 0; i < s.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			var local []vouch.Finding
			emit := func(f vouch.Finding, _ string) { local = append(local, f) }
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				if err := s.scanFile(ctx, j, &buf, emit); err != nil && !errors.Is(err, context.Canceled) {
					s.skip(j.rel, "read error")
				}
			}
			mu.Lock()
			out = append(out, local...)
			mu.Unlock()
		}()
	}

	var rules []ignoreRule
	if !s.cfg.NoIgnore {
		if b, err := os.ReadFile(filepath.Join(root, ".git", "info", "exclude")); err == nil {
			rules = parseGitignore(b, "")
		}
	}
	walkErr := s.walk(ctx, root, "", rules, jobs)
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if walkErr != nil {
		return nil, walkErr
	}
	sortFindings(out)
	return out, nil
}

// walk sends the files of directory rel (under root) to jobs, depth first.
func (s *Scanner) walk(ctx context.Context, root, rel string, rules []ignoreRule, jobs chan<- fileJob) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	dir := filepath.Join(root, filepath.FromSlash(rel))
	if testHookReadDir != nil {
		testHookReadDir(rel)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if rel == "" {
			return fmt.Errorf("read directory %s: %w", dir, err)
		}
		s.skip(rel, "read error")
		return nil
	}
	if !s.cfg.NoIgnore {
		if b, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err == nil {
			rules = append(rules[:len(rules):len(rules)], parseGitignore(b, rel)...)
		}
	}
	for _, e := range entries {
		name := e.Name()
		p := name
		if rel != "" {
			p = rel + "/" + name
		}
		t := e.Type()
		switch {
		case t&fs.ModeSymlink != 0:
			continue // never followed: it may point out of root
		case e.IsDir():
			if name == ".git" {
				continue
			}
			if s.entryLeftOut(p, true) {
				continue
			}
			if !s.cfg.NoIgnore && ignored(rules, p, true) {
				continue
			}
			if err := s.walk(ctx, root, p, rules, jobs); err != nil {
				return err
			}
		case t.IsRegular():
			if s.entryLeftOut(p, false) {
				continue
			}
			if !s.cfg.NoIgnore && ignored(rules, p, false) {
				continue
			}
			info, err := e.Info()
			if err != nil {
				s.skip(p, "read error")
				continue
			}
			select {
			case jobs <- fileJob{abs: filepath.Join(dir, name), rel: p, size: info.Size()}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return nil
}

// scanFile reads one file: whole into buf when it fits in a chunk,
// streamed in overlapping chunks otherwise.
func (s *Scanner) scanFile(ctx context.Context, j fileJob, buf *[]byte, emit emitFunc) error {
	if j.size > s.cfg.MaxFileSize {
		s.skip(j.rel, "too large")
		return nil
	}
	f, err := os.Open(j.abs)
	if err != nil {
		return err
	}
	defer f.Close()
	fi := classify(j.rel)
	if j.size > int64(s.chunkSize) {
		return s.scanStream(ctx, fi, io.LimitReader(f, s.cfg.MaxFileSize), emit)
	}
	var b []byte
	if buf != nil {
		if cap(*buf) < int(j.size)+1 {
			*buf = make([]byte, int(j.size)+1)
		}
		b = (*buf)[:cap(*buf)]
	} else {
		b = make([]byte, j.size+1)
	}
	n, err := io.ReadFull(f, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	if n == len(b) { // grew while we read: stream the rest
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return s.scanStream(ctx, fi, io.LimitReader(f, s.cfg.MaxFileSize), emit)
	}
	s.scanContent(fi, b[:n], emit)
	return nil
}
