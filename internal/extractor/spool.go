package extractor

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// Spool is a copy of a file's contents that can be read at random: in
// memory when it is small, in a temporary file otherwise. Formats that
// need random access (Go binaries, jars) spool a File that has no
// ReaderAt, and an image walk spools every matched file out of its layer
// stream. Close removes the temporary file.
type Spool struct {
	mem  []byte
	file *os.File
	size int64
}

// NewSpool copies r into a spool that keeps up to inMemory bytes in
// memory and puts a larger file in a temporary file.
//
// When size is 0 or more it is what r holds: a file of up to inMemory
// bytes is read whole into memory, and a longer one that ends short of
// size is an error (io.ErrUnexpectedEOF). When size is negative it is not
// known: r is read to its end, at most MaxFileSize bytes past the first
// inMemory.
//
// Errors from r are returned as they are; failures of the temporary file
// say so.
func NewSpool(r io.Reader, size, inMemory int64) (*Spool, error) {
	if size >= 0 {
		if size <= inMemory {
			b := make([]byte, size)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, err
			}
			return &Spool{mem: b, size: size}, nil
		}
		s, err := spoolToFile(nil, r)
		if err != nil {
			return nil, err
		}
		if s.size != size {
			s.Close()
			return nil, io.ErrUnexpectedEOF
		}
		return s, nil
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, inMemory))
	if err != nil {
		return nil, err
	}
	if n < inMemory {
		return &Spool{mem: buf.Bytes(), size: n}, nil
	}
	return spoolToFile(buf.Bytes(), io.LimitReader(r, MaxFileSize))
}

// spoolToFile writes head and then the rest of r to a temporary file.
func spoolToFile(head []byte, r io.Reader) (*Spool, error) {
	f, err := os.CreateTemp("", "vouch-spool-*")
	if err != nil {
		return nil, fmt.Errorf("spool to temporary file: %w", err)
	}
	s := &Spool{file: f}
	if _, err := f.Write(head); err != nil {
		s.Close()
		return nil, fmt.Errorf("spool to temporary file: %w", err)
	}
	n, err := io.Copy(f, r)
	if err != nil {
		s.Close()
		// A write to the file fails with a PathError that names it; any
		// other error is r's.
		var pe *os.PathError
		if errors.As(err, &pe) && pe.Path == f.Name() {
			return nil, fmt.Errorf("spool to temporary file: %w", err)
		}
		return nil, err
	}
	s.size = int64(len(head)) + n
	return s, nil
}

// Size is the number of bytes spooled.
func (s *Spool) Size() int64 { return s.size }

// Reader returns a reader from the start of the contents; every call
// returns a new one.
func (s *Spool) Reader() io.Reader {
	if s.file == nil {
		return bytes.NewReader(s.mem)
	}
	return io.NewSectionReader(s.file, 0, s.size)
}

// ReaderAt returns random access to the contents; it is safe for
// concurrent use.
func (s *Spool) ReaderAt() io.ReaderAt {
	if s.file == nil {
		return bytes.NewReader(s.mem)
	}
	return s.file
}

// Head returns the first n bytes of the contents, or all of them when
// there are fewer.
func (s *Spool) Head(n int) []byte {
	b := make([]byte, min(int64(n), s.size))
	_, _ = s.ReaderAt().ReadAt(b, 0)
	return b
}

// Close removes the temporary file, if there is one.
func (s *Spool) Close() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
	}
}

// RandomAccess returns random access to the whole of f and its size: f's
// own ReaderAt when it has one, else a Spool of head (bytes the caller has
// already read from f.Reader) followed by the rest of f.Reader, in memory
// up to inMemory bytes. close removes any temporary file and must always
// be called.
func RandomAccess(f *File, head []byte, inMemory int64) (r io.ReaderAt, size int64, close func(), err error) {
	if f.ReaderAt != nil && f.Size > 0 {
		return f.ReaderAt, f.Size, func() {}, nil
	}
	src := f.Reader
	if len(head) > 0 {
		src = io.MultiReader(bytes.NewReader(head), f.Reader)
	}
	s, err := NewSpool(src, -1, inMemory)
	if err != nil {
		return nil, 0, func() {}, fmt.Errorf("read: %w", err)
	}
	return s.ReaderAt(), s.Size(), s.Close, nil
}
