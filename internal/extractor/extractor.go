// Package extractor defines how vouch reads packages out of files: one
// Extractor per file format, each in its own package below this one
// (npm, python, golang, ospkg …). The inventory package walks trees and
// images and hands every matching file to its extractors.
package extractor

import (
	"context"
	"fmt"
	"io"
	"io/fs"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// File is one file handed to an extractor.
type File struct {
	// Path is slash-separated and relative to the scan root (for images,
	// relative to the image's root filesystem, without a leading slash). It
	// becomes the Location of every package the file yields.
	Path string
	// Mode is the file's mode; extractors that look at executables use it.
	Mode fs.FileMode
	// Size is the file's size in bytes.
	Size int64
	// Reader yields the contents; it is already capped at MaxFileSize.
	Reader io.Reader
	// ReaderAt is set when random access is cheap (a regular file on disk
	// or a spooled copy); formats that need it (Go binaries, jars) use it
	// and fall back to buffering Reader when it is nil.
	ReaderAt io.ReaderAt
	// FS is the scan root, for formats that read siblings: go.sum next to
	// go.mod, -r includes of requirements files, a pom's parent. Paths in
	// it are relative to the root, like Path. It is nil when there is no
	// root to read (a single file given on stdin, say).
	FS fs.FS
	// Layer is the digest of the image layer the file came from, or "".
	Layer string
}

// Extractor reads packages out of one kind of file.
type Extractor interface {
	// Name identifies the extractor in errors and docs ("npm/package-lock").
	Name() string
	// Match reports whether the file at path (slash-separated, relative)
	// with the given mode is one this extractor reads. It must be cheap:
	// it is called for every file of a tree.
	Match(path string, mode fs.FileMode) bool
	// Extract parses the file. Every package it returns carries a
	// Location with f.Path (and the entry's line where the format has one)
	// and a PURL. A malformed file is an error that says what is wrong; the
	// caller adds the path.
	Extract(ctx context.Context, f *File) ([]vouch.Package, error)
}

// MaxFileSize caps how much of one file any extractor reads.
const MaxFileSize = 256 << 20

// ParseError is a file an extractor could not read, with the file named.
type ParseError struct {
	Path      string
	Extractor string
	Err       error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s: %s: %v", e.Path, e.Extractor, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
