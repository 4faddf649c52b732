package extractor

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
)

// TestSpool: what is read back is what went in, at every size around the
// memory limit, with the size known or not; the temporary file is used
// exactly when the contents pass the limit, and Close removes it.
func TestSpool(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	const limit = 16
	for _, n := range []int{0, 1, limit - 1, limit, limit + 1, 3 * limit} {
		data := []byte(strings.Repeat("0123456789abcdef", 4)[:n])
		for _, known := range []bool{true, false} {
			size := int64(-1)
			if known {
				size = int64(n)
			}
			s, err := NewSpool(bytes.NewReader(data), size, limit)
			if err != nil {
				t.Fatalf("%d bytes, known %v: %v", n, known, err)
			}
			onDisk := s.file != nil
			// With the size unknown, a file that fills the memory exactly
			// cannot be told from a longer one until it is read past.
			wantDisk := n > limit || (!known && n == limit)
			if onDisk != wantDisk {
				t.Errorf("%d bytes, known %v: on disk %v, want %v", n, known, onDisk, wantDisk)
			}
			if s.Size() != int64(n) {
				t.Errorf("%d bytes, known %v: size %d", n, known, s.Size())
			}
			got, err := io.ReadAll(s.Reader())
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%d bytes, known %v: Reader gave %q, %v", n, known, got, err)
			}
			at := make([]byte, n)
			if _, err := s.ReaderAt().ReadAt(at, 0); n > 0 && (err != nil && err != io.EOF || !bytes.Equal(at, data)) {
				t.Errorf("%d bytes, known %v: ReaderAt gave %q, %v", n, known, at, err)
			}
			if h := s.Head(5); !bytes.Equal(h, data[:min(5, n)]) {
				t.Errorf("%d bytes, known %v: Head(5) = %q", n, known, h)
			}
			s.Close()
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Fatalf("%d bytes, known %v: left behind %v", n, known, left)
			}
		}
	}
}

// TestSpoolErrors: a reader that fails or ends short of the size it was
// given is an error, and nothing is left behind.
func TestSpoolErrors(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		r    io.Reader
		size int64
		want error
	}{
		{"short in memory", strings.NewReader("abc"), 8, io.ErrUnexpectedEOF},
		{"short on disk", strings.NewReader(strings.Repeat("x", 20)), 30, io.ErrUnexpectedEOF},
		{"fails in memory", iotest.ErrReader(boom), 8, boom},
		{"fails on disk", io.MultiReader(strings.NewReader(strings.Repeat("x", 20)), iotest.ErrReader(boom)), 30, boom},
		{"fails, size unknown", io.MultiReader(strings.NewReader(strings.Repeat("x", 20)), iotest.ErrReader(boom)), -1, boom},
	} {
		s, err := NewSpool(tc.r, tc.size, 16)
		if !errors.Is(err, tc.want) || s != nil {
			t.Errorf("%s: %v, %v; want %v", tc.name, s, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "temporary file") {
			t.Errorf("%s: %v blames the temporary file for the reader's error", tc.name, err)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left behind %v", left)
	}
}

// TestRandomAccess: a File with a ReaderAt is used as it is; one without
// is spooled, with the bytes the caller already read put back in front.
func TestRandomAccess(t *testing.T) {
	data := []byte("MZ and the rest of a long enough file")
	own := bytes.NewReader(data)
	r, size, closeFn, err := RandomAccess(&File{ReaderAt: own, Size: int64(len(data))}, nil, 8)
	if err != nil || r != io.ReaderAt(own) || size != int64(len(data)) {
		t.Errorf("with ReaderAt: %v %d %v", r, size, err)
	}
	closeFn()

	for _, limit := range []int64{8, 1 << 10} {
		rd := bytes.NewReader(data)
		head := make([]byte, 4)
		io.ReadFull(rd, head)
		r, size, closeFn, err := RandomAccess(&File{Reader: rd}, head, limit)
		if err != nil || size != int64(len(data)) {
			t.Fatalf("limit %d: size %d, %v", limit, size, err)
		}
		got := make([]byte, size)
		if _, err := r.ReadAt(got, 0); err != nil && err != io.EOF || !bytes.Equal(got, data) {
			t.Errorf("limit %d: %q, %v", limit, got, err)
		}
		closeFn()
	}

	_, _, closeFn, err = RandomAccess(&File{Reader: iotest.ErrReader(errors.New("boom"))}, nil, 8)
	if err == nil || err.Error() != "read: boom" {
		t.Errorf("error %v", err)
	}
	closeFn()
}
