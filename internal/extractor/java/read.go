package java

import (
	"bytes"

	"github.com/vouch-dev/vouch/internal/extractor"
)

// readAll reads the whole file, sized by f.Size when it is known.
func readAll(f *extractor.File) ([]byte, error) {
	n := f.Size
	if n <= 0 || n > extractor.MaxFileSize {
		n = 0
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
	_, err := buf.ReadFrom(f.Reader)
	return buf.Bytes(), err
}
