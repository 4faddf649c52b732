package ospkg

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// maxLine caps one line of a text database. dpkg and apk lines are short;
// the longest real ones are Description continuations of a few KiB.
const maxLine = 1 << 20

// lineReader yields the lines of a text file without their line endings,
// counting them from 1.
type lineReader struct {
	r    *bufio.Reader
	n    int
	long []byte
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line, valid until the following call, or io.EOF.
func (l *lineReader) next() ([]byte, error) {
	line, err := l.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		l.long = append(l.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = l.r.ReadSlice('\n')
			l.long = append(l.long, line...)
			if len(l.long) > maxLine {
				return nil, fmt.Errorf("line %d: longer than %d bytes", l.n+1, maxLine)
			}
		}
		line = l.long
	}
	if len(line) == 0 && err != nil {
		return nil, err // io.EOF, or a read error
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	l.n++
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	return line, nil
}

// errorList keeps the first few record errors of one file and counts the
// rest, so that a file full of garbage yields one readable error.
type errorList struct {
	errs  []error
	extra int
}

func (e *errorList) add(err error) {
	if len(e.errs) < 3 {
		e.errs = append(e.errs, err)
		return
	}
	e.extra++
}

func (e *errorList) err() error {
	if len(e.errs) == 0 {
		return nil
	}
	if e.extra > 0 {
		e.errs = append(e.errs, fmt.Errorf("and %d more errors", e.extra))
	}
	return errors.Join(e.errs...)
}
