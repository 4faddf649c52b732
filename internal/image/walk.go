package image

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// EntryType is what a layer entry is.
type EntryType uint8

const (
	TypeRegular  EntryType = iota + 1
	TypeDir                // a directory
	TypeSymlink            // a symbolic link; Linkname is its target, as written
	TypeHardlink           // a hard link; Linkname is the cleaned path it links to
	TypeWhiteout           // ".wh.NAME": Path (NAME) is deleted from the layers below
	TypeOpaque             // ".wh..wh..opq": what the layers below hold in directory Path is hidden
)

var typeNames = [...]string{"", "regular", "dir", "symlink", "hardlink", "whiteout", "opaque"}

func (t EntryType) String() string {
	if int(t) < len(typeNames) && t > 0 {
		return typeNames[t]
	}
	return fmt.Sprintf("EntryType(%d)", t)
}

// Entry is one entry of a layer. It and its Reader are valid only during
// the visit that receives them.
type Entry struct {
	// Path is slash-separated, relative to the image root, cleaned, and
	// never leaves the root. The root itself is "." (only an opaque marker
	// names it).
	Path     string
	Type     EntryType
	Mode     fs.FileMode // permission bits, and type bits for dirs and links
	Size     int64       // regular files: the size the layer records
	Linkname string
	// Reader yields a regular file's content; nil for other types. Reading
	// past Options.MaxEntrySize fails.
	Reader io.Reader
	// Whiteout and Opaque repeat Type == TypeWhiteout and TypeOpaque.
	Whiteout, Opaque bool
}

// ErrEntryTooLarge is returned by an Entry's Reader read past the
// per-entry cap.
var ErrEntryTooLarge = errors.New("entry larger than the per-file read cap")

// layerSource opens one layer's stored bytes.
type layerSource struct {
	open func(ctx context.Context) (rc io.ReadCloser, verified bool, err error)
	want v1.Hash // the digest the stored bytes must have
	// diffID: want is the DiffID, checked on the uncompressed stream
	// (docker archives record no digest of the stored bytes).
	diffID bool
}

// Walk streams every entry of every layer, bottom layer first, in the
// order each layer's tar holds them, calling visit with the layer's index.
// Each layer is decompressed as it is read; nothing is written to disk.
// visit returning fs.SkipAll ends the walk without error; any other error
// ends it with that error. Walk fails on a layer that is not a readable tar,
// whose content does not match its digest, or that exceeds the limits in
// Options (see the package documentation).
func (im *Image) Walk(ctx context.Context, visit func(layer int, e *Entry) error) error {
	w := &walker{
		im:      im,
		visit:   visit,
		budget:  im.opts.MaxImageSize,
		entries: im.opts.MaxEntries,
	}
	for i := range im.Layers {
		if err := w.layer(ctx, i); err != nil {
			if errors.Is(err, fs.SkipAll) {
				return nil
			}
			return err
		}
	}
	return nil
}

type walker struct {
	im      *Image
	visit   func(int, *Entry) error
	budget  int64 // decompressed bytes left for the rest of the image
	entries int   // entries left
	e       Entry
	er      entryReader
}

// visitError carries an error from visit out of the tar loop untouched.
type visitError struct{ err error }

func (e *visitError) Error() string { return e.err.Error() }

func (w *walker) layer(ctx context.Context, i int) error {
	src, l := w.im.sources[i], w.im.Layers[i]
	raw, verified, err := src.open(ctx)
	if err != nil {
		return fmt.Errorf("layer %s: %w", l.Digest, err)
	}
	defer raw.Close()
	var stored io.Reader = raw
	var check *hashReader
	if !verified && !src.diffID {
		if check, err = newHashReader(raw, src.want); err != nil {
			return fmt.Errorf("layer %s: %w", l.Digest, err)
		}
		stored = check
	}
	ahead := newReadAhead(stored)
	defer ahead.close()
	stored = ahead
	dec, closeDec, err := decompress(stored)
	if err != nil {
		return fmt.Errorf("layer %s: %w", l.Digest, err)
	}
	defer closeDec()
	br := &budgetReader{r: dec, ctx: ctx, w: w, limit: w.im.opts.MaxImageSize}
	var plain io.Reader = br
	if src.diffID {
		if check, err = newHashReader(br, src.want); err != nil {
			return fmt.Errorf("layer %s: %w", l.Digest, err)
		}
		plain = check
	}
	if err := w.entriesOf(ctx, i, tar.NewReader(plain)); err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return ve.err
		}
		return fmt.Errorf("layer %s: %w", l.Digest, err)
	}
	// Read what follows the tar's end (padding, the compressor's trailer)
	// so that the digest is checked over every byte. Errors of the
	// decompressor past the tar's end (trailing garbage) do not matter: the
	// digest check below covers those bytes.
	_, err = io.Copy(io.Discard, plain)
	if errors.Is(err, errBomb) || errors.Is(err, errDigestMismatch) || ctx.Err() != nil {
		return fmt.Errorf("layer %s: %w", l.Digest, err)
	}
	if !src.diffID {
		if _, err := io.Copy(io.Discard, stored); err != nil {
			return fmt.Errorf("layer %s: %w", l.Digest, err)
		}
	}
	ahead.close()
	if check != nil && !check.done {
		return fmt.Errorf("layer %s: stream ended before its digest could be checked", l.Digest)
	}
	return nil
}

func (w *walker) entriesOf(ctx context.Context, layer int, tr *tar.Reader) error {
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return errors.New("truncated tar stream")
			}
			return err
		}
		if w.entries--; w.entries < 0 {
			return fmt.Errorf("more than %d entries in the image", w.im.opts.MaxEntries)
		}
		if hdr.Size > w.budget {
			return fmt.Errorf("%w: entry %q declares %d bytes", errBomb, hdr.Name, hdr.Size)
		}
		if !w.entry(hdr, tr) {
			continue
		}
		if err := w.visit(layer, &w.e); err != nil {
			return &visitError{err}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// entry fills w.e from hdr; false skips the entry (device files, names
// outside the root, aufs bookkeeping).
func (w *walker) entry(hdr *tar.Header, tr io.Reader) bool {
	p, ok := cleanPath(hdr.Name)
	if !ok {
		return false
	}
	e := &w.e
	*e = Entry{Path: p, Mode: hdr.FileInfo().Mode(), Size: hdr.Size}
	dir, base := path.Split(p)
	if strings.HasPrefix(base, ".wh.") {
		e.Size = 0
		switch {
		case base == ".wh..wh..opq":
			e.Type, e.Opaque, e.Path = TypeOpaque, true, path.Clean(dir+".")
			return true
		case strings.HasPrefix(base, ".wh..wh."):
			return false // aufs hard-link bookkeeping, never part of the image
		}
		name := base[len(".wh."):]
		if name == "" || name == "." || name == ".." {
			return false
		}
		e.Type, e.Whiteout, e.Path = TypeWhiteout, true, dir+name
		return true
	}
	if p == "." {
		return false
	}
	switch hdr.Typeflag {
	case tar.TypeReg, tar.TypeGNUSparse:
		e.Type = TypeRegular
		w.er = entryReader{r: tr, left: hdr.Size, capLeft: w.im.opts.MaxEntrySize, path: p}
		e.Reader = &w.er
	case tar.TypeDir:
		e.Type, e.Size = TypeDir, 0
	case tar.TypeSymlink:
		e.Type, e.Size, e.Linkname = TypeSymlink, 0, hdr.Linkname
	case tar.TypeLink:
		target, ok := cleanPath(hdr.Linkname)
		if !ok || target == "." {
			return false
		}
		e.Type, e.Size, e.Linkname = TypeHardlink, 0, target
	default:
		return false // character and block devices, fifos, and anything unknown
	}
	return true
}

// cleanPath makes a tar name relative to the image root. Absolute names
// are rooted at the image root, as container runtimes apply them; names
// that climb out of it are refused.
func cleanPath(name string) (string, bool) {
	name = strings.TrimLeft(name, "/")
	if name == "" {
		return ".", true
	}
	p := path.Clean(name)
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	return p, true
}

// entryReader hands a visitor one regular file, capped.
type entryReader struct {
	r       io.Reader
	left    int64 // bytes of the entry not read yet
	capLeft int64 // bytes the cap still allows
	path    string
}

func (r *entryReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	if r.capLeft <= 0 {
		return 0, fmt.Errorf("%s: %w", r.path, ErrEntryTooLarge)
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	if int64(len(p)) > r.capLeft {
		p = p[:r.capLeft]
	}
	n, err := r.r.Read(p)
	r.left -= int64(n)
	r.capLeft -= int64(n)
	if err == io.EOF && r.left > 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// errBomb is decompression past the image's size cap.
var errBomb = errors.New("decompressed size exceeds the limit (a decompression bomb?)")

// budgetReader counts decompressed bytes against the image's budget and
// stops when the walk's context ends.
type budgetReader struct {
	r     io.Reader
	ctx   context.Context
	w     *walker
	limit int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := b.r.Read(p)
	b.w.budget -= int64(n)
	if b.w.budget < 0 {
		return n, fmt.Errorf("%w of %s", errBomb, formatSize(b.limit))
	}
	return n, err
}

// hashReader checks the stream it passes against a digest when the stream
// ends.
type hashReader struct {
	r    io.Reader
	h    hash.Hash
	want v1.Hash
	done bool
	err  error // the verdict, repeated on every read past the end
}

func newHashReader(r io.Reader, want v1.Hash) (*hashReader, error) {
	h, err := newHash(want.Algorithm)
	if err != nil {
		return nil, err
	}
	return &hashReader{r: r, h: h, want: want}, nil
}

func (c *hashReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	if err == io.EOF {
		if !c.done {
			c.done = true
			if got := fmt.Sprintf("%x", c.h.Sum(nil)); got != c.want.Hex {
				c.err = fmt.Errorf("%w: %s:%s, want %s", errDigestMismatch, c.want.Algorithm, got, c.want)
			}
		}
		if c.err != nil {
			return n, c.err
		}
	}
	return n, err
}

// readAhead reads a layer's stored bytes on a goroutine of its own, in
// chunks, so that reading from disk or the network and checking the digest
// overlap with decompression and the visitor's work. It keeps at most
// aheadChunks chunks in flight.
type readAhead struct {
	full chan aheadChunk
	free chan []byte
	stop chan struct{}
	done chan struct{}
	cur  aheadChunk
	off  int
	once sync.Once
}

type aheadChunk struct {
	b   []byte
	err error
}

const (
	aheadChunk1 = 128 << 10
	aheadChunks = 4
)

func newReadAhead(r io.Reader) *readAhead {
	ra := &readAhead{
		full: make(chan aheadChunk, aheadChunks),
		free: make(chan []byte, aheadChunks),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	for range aheadChunks {
		ra.free <- make([]byte, aheadChunk1)
	}
	go func() {
		defer close(ra.done)
		for {
			var buf []byte
			select {
			case buf = <-ra.free:
			case <-ra.stop:
				return
			}
			n, err := io.ReadFull(r, buf)
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
			select {
			case ra.full <- aheadChunk{b: buf[:n], err: err}:
			case <-ra.stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return ra
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for ra.off == len(ra.cur.b) {
		if ra.cur.err != nil {
			return 0, ra.cur.err
		}
		if ra.cur.b != nil {
			ra.free <- ra.cur.b[:cap(ra.cur.b)]
		}
		ra.cur, ra.off = <-ra.full, 0
	}
	n := copy(p, ra.cur.b[ra.off:])
	ra.off += n
	return n, nil
}

// close stops the reader goroutine and waits for it: the stored stream
// may be closed after.
func (ra *readAhead) close() {
	ra.once.Do(func() {
		close(ra.stop)
		<-ra.done
	})
}

// decompress sniffs a layer's compression from its first bytes (media
// types are not trusted: docker archives call uncompressed tars by
// compressed names) and returns the uncompressed stream.
func decompress(r io.Reader) (io.Reader, func(), error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		return gz, func() { gz.Close() }, nil
	case bytes.Equal(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		zr, err := zstd.NewReader(br,
			zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(128<<20))
		if err != nil {
			return nil, nil, fmt.Errorf("zstd: %w", err)
		}
		return zr, zr.Close, nil
	}
	return br, func() {}, nil
}
