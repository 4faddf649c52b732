package golang

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
)

// TestSpoolToTempFile: a binary without random access and larger than the
// memory limit goes through a temporary file, which is removed after.
func TestSpoolToTempFile(t *testing.T) {
	defer func(n int64) { memSpoolLimit = n }(memSpoolLimit)
	memSpoolLimit = 1024
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	data := synthGoBinary()
	if len(data) <= int(memSpoolLimit) {
		t.Fatalf("synthetic binary of %d bytes does not exceed the lowered limit", len(data))
	}
	pkgs, err := binaryExtractor{}.Extract(context.Background(), &extractor.File{Path: "bin/tool", Mode: 0o755, Reader: bytes.NewReader(data)})
	if err != nil || len(pkgs) != 4 {
		t.Fatalf("got %d packages, %v", len(pkgs), err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
