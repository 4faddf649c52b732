//go:build unix

package drift

import (
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// On Unix the scan works relative to open directories: a file is opened
// with openat and described with fstat on the descriptor it reads, so the
// kernel resolves one name, not a whole path, and a file costs four
// system calls (open, fstat, read, close). On a tree of small files the
// system calls are the whole cost.

// dirHandle is an open directory shared by the batches of its files; the
// last to finish closes it.
type dirHandle struct {
	f    *os.File
	fd   int
	refs atomic.Int32
}

func (d *dirHandle) release() {
	if d.refs.Add(-1) == 0 {
		d.f.Close()
	}
}

const openFlags = unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_NONBLOCK | unix.O_CLOEXEC

// readDir lists one directory, queueing its subdirectories and batches of
// its regular files (which the batches stat and hash).
func (s *scanner) readDir(rel string) error {
	dir := s.root
	if rel != "" {
		dir = filepath.Join(s.root, filepath.FromSlash(rel))
	}
	// O_NOFOLLOW: a directory swapped for a link since it was listed is
	// refused, never followed.
	fd, err := unix.Open(dir, openFlags|unix.O_DIRECTORY, 0)
	if err != nil {
		return fmt.Errorf("read directory %s: %w", displayPath(rel), err)
	}
	h := &dirHandle{f: os.NewFile(uintptr(fd), dir), fd: fd}
	h.refs.Store(1)
	defer h.release()
	des, err := h.f.ReadDir(-1)
	if err != nil {
		return fmt.Errorf("read directory %s: %w", displayPath(rel), unwrapPath(err))
	}
	local := make([]*Entry, 0, len(des))
	var batch []*Entry
	flush := func() {
		h.refs.Add(1)
		s.q.push(job{files: batch, h: h})
		batch = nil
	}
	for _, de := range des {
		name := de.Name()
		p := name
		if rel != "" {
			p = rel + "/" + name
		}
		if s.excluded(p, name) {
			continue
		}
		e := &Entry{Path: p}
		if de.Type().IsRegular() {
			e.Type = TypeFile // mode and size come from fstat in the batch
			batch = append(batch, e)
			if len(batch) == hashBatch {
				flush()
			}
			local = append(local, e)
			continue
		}
		var st unix.Stat_t
		if err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			if errors.Is(err, unix.ENOENT) {
				continue // removed while we looked
			}
			return fmt.Errorf("stat %s: %w", p, err)
		}
		mode := fileMode(uint32(st.Mode))
		e.Mode = formatMode(mode)
		switch {
		case mode.IsDir():
			e.Type = TypeDir
			s.q.push(job{dir: p})
		case mode&fs.ModeSymlink != 0:
			e.Type = TypeSymlink
			e.Target, e.Err = readlinkat(fd, name)
		case mode.IsRegular():
			// Listed as something else a moment ago.
			e.Type = TypeFile
			batch = append(batch, e)
			if len(batch) == hashBatch {
				flush()
			}
		default:
			e.Type = TypeOther
		}
		local = append(local, e)
	}
	if len(batch) > 0 {
		flush()
	}
	return s.add(local)
}

// hashFiles opens, describes and (when wanted) hashes a batch of files.
func (s *scanner) hashFiles(j job, h hash.Hash, buf []byte) {
	defer j.h.release()
	for _, e := range j.files {
		s.hashOne(j.h.fd, e, h, buf)
	}
}

func (s *scanner) hashOne(dfd int, e *Entry, h hash.Hash, buf []byte) {
	name := e.Path[strings.LastIndexByte(e.Path, '/')+1:]
	fd, err := unix.Openat(dfd, name, openFlags, 0)
	for err == unix.EINTR {
		fd, err = unix.Openat(dfd, name, openFlags, 0)
	}
	if err != nil {
		if err == unix.ELOOP {
			err = errors.New("replaced by a symbolic link")
		}
		e.Mode, e.Err = "0000", err
		zero := int64(0)
		e.Size = &zero
		return
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		e.Mode, e.Err = "0000", err
		return
	}
	mode := fileMode(uint32(st.Mode))
	e.Mode = formatMode(mode)
	size := st.Size
	e.Size = &size
	if !mode.IsRegular() {
		e.Err = errors.New("no longer a regular file")
		return
	}
	if !s.needsHash(e) {
		return
	}
	h.Reset()
	n, err := readAll(fd, size, h, buf)
	if err != nil {
		e.Err = err
		return
	}
	*e.Size = n
	setDigest(e, h)
}

// readAll hashes at most size+1 bytes of fd: a file that grew is an
// error, and a device swapped in cannot make the read endless.
func readAll(fd int, size int64, h hash.Hash, buf []byte) (int64, error) {
	var total int64
	for {
		want := int64(len(buf))
		if rest := size + 1 - total; rest < want {
			want = rest
		}
		n, err := unix.Read(fd, buf[:want])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			if err == unix.EAGAIN {
				return total, errors.New("no longer a regular file")
			}
			return total, err
		}
		if n == 0 {
			return total, nil
		}
		h.Write(buf[:n])
		total += int64(n)
		if total > size {
			return total, errChanged
		}
		if int64(n) < want {
			return total, nil // a short read of a regular file is its end
		}
	}
}

// errChanged marks a file that grew while it was read.
var errChanged = errors.New("changed while it was read")

// fileMode turns a stat mode into an fs.FileMode, as the os package does.
func fileMode(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & unix.S_IFMT {
	case unix.S_IFDIR:
		mode |= fs.ModeDir
	case unix.S_IFLNK:
		mode |= fs.ModeSymlink
	case unix.S_IFREG:
	case unix.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case unix.S_IFSOCK:
		mode |= fs.ModeSocket
	case unix.S_IFBLK:
		mode |= fs.ModeDevice
	case unix.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	default:
		mode |= fs.ModeIrregular
	}
	if m&unix.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&unix.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&unix.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}

// readlinkat returns a link's text, slash-separated.
func readlinkat(dfd int, name string) (string, error) {
	for size := 256; ; size *= 2 {
		buf := make([]byte, size)
		n, err := unix.Readlinkat(dfd, name, buf)
		if err != nil {
			return "", err
		}
		if n < size || size >= 1<<16 {
			return filepath.ToSlash(string(buf[:n])), nil
		}
	}
}
