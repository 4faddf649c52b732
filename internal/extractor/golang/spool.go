package golang

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/vouch-dev/vouch/internal/extractor"
)

// memSpoolLimit is how much of a file without random access is buffered in
// memory; beyond it the file is spooled to a temporary file.
// A variable so that tests can exercise the temporary file.
var memSpoolLimit int64 = 64 << 20

// randomAccess returns an io.ReaderAt over the whole of f and its size.
// head holds bytes already read from f.Reader. When f has no ReaderAt, the
// contents are buffered in memory up to memSpoolLimit, in a temporary file
// beyond; cleanup removes it and must always be called.
func randomAccess(f *extractor.File, head []byte) (r io.ReaderAt, size int64, cleanup func(), err error) {
	cleanup = func() {}
	if f.ReaderAt != nil && f.Size > 0 {
		return f.ReaderAt, f.Size, cleanup, nil
	}
	var buf bytes.Buffer
	buf.Write(head)
	n, err := io.Copy(&buf, io.LimitReader(f.Reader, memSpoolLimit-int64(len(head))))
	if err != nil {
		return nil, 0, cleanup, fmt.Errorf("read: %w", err)
	}
	if int64(len(head))+n < memSpoolLimit {
		return bytes.NewReader(buf.Bytes()), int64(buf.Len()), cleanup, nil
	}
	tmp, err := os.CreateTemp("", "vouch-spool-*")
	if err != nil {
		return nil, 0, cleanup, fmt.Errorf("spool to temporary file: %w", err)
	}
	cleanup = func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		cleanup()
		return nil, 0, func() {}, fmt.Errorf("spool to temporary file: %w", err)
	}
	buf = bytes.Buffer{}
	m, err := io.Copy(tmp, io.LimitReader(f.Reader, extractor.MaxFileSize))
	if err != nil {
		cleanup()
		return nil, 0, func() {}, fmt.Errorf("spool to temporary file: %w", err)
	}
	return tmp, memSpoolLimit + m, cleanup, nil
}
