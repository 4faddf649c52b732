//go:build !unix

package drift

import (
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

type dirHandle struct{}

var errChanged = errors.New("changed while it was read")

// readDir lists one directory, queueing its subdirectories and batches of
// its regular files.
func (s *scanner) readDir(rel string) error {
	dir := s.root
	if rel != "" {
		dir = filepath.Join(s.root, filepath.FromSlash(rel))
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read directory %s: %w", displayPath(rel), unwrapPath(err))
	}
	local := make([]*Entry, 0, len(des))
	var batch []*Entry
	for _, de := range des {
		p := de.Name()
		if rel != "" {
			p = rel + "/" + p
		}
		if s.excluded(p, de.Name()) {
			continue
		}
		fi, err := de.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return fmt.Errorf("stat %s: %w", p, unwrapPath(err))
		}
		e := &Entry{Path: p, Mode: formatMode(fi.Mode())}
		switch m := fi.Mode(); {
		case m.IsRegular():
			e.Type = TypeFile
			size := fi.Size()
			e.Size = &size
			batch = append(batch, e)
			if len(batch) == hashBatch {
				s.q.push(job{files: batch})
				batch = nil
			}
		case m.IsDir():
			e.Type = TypeDir
			s.q.push(job{dir: p})
		case m&fs.ModeSymlink != 0:
			e.Type = TypeSymlink
			t, err := os.Readlink(filepath.Join(dir, de.Name()))
			e.Target, e.Err = filepath.ToSlash(t), err
		default:
			e.Type = TypeOther
		}
		local = append(local, e)
	}
	if len(batch) > 0 {
		s.q.push(job{files: batch})
	}
	return s.add(local)
}

func (s *scanner) hashFiles(j job, h hash.Hash, buf []byte) {
	for _, e := range j.files {
		if !s.needsHash(e) {
			continue
		}
		f, err := os.Open(filepath.Join(s.root, filepath.FromSlash(e.Path)))
		if err != nil {
			e.Err = unwrapPath(err)
			continue
		}
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			f.Close()
			e.Err = errors.New("no longer a regular file")
			continue
		}
		h.Reset()
		n, err := io.CopyBuffer(h, io.LimitReader(f, *e.Size+1), buf)
		f.Close()
		if err == nil && n > *e.Size {
			err = errChanged
		}
		if err != nil {
			e.Err = err
			continue
		}
		*e.Size = n
		setDigest(e, h)
	}
}
