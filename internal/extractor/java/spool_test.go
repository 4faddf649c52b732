package java

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
)

// TestSpoolToTempFile: an archive without random access and larger than
// the memory limit goes through a temporary file, which is removed after.
func TestSpoolToTempFile(t *testing.T) {
	defer func(n int64) { memSpoolLimit = n }(memSpoolLimit)
	memSpoolLimit = 1024
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	data := shopWar(t)
	pkgs, err := archiveExtractor{}.Extract(context.Background(), &extractor.File{Path: "shop.war", Reader: bytes.NewReader(data)})
	if err != nil || len(pkgs) != 7 {
		t.Fatalf("got %d packages, %v", len(pkgs), err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
