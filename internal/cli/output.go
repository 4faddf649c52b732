package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// writeResult calls write with stdout, or with a temporary file beside
// path that is renamed over path only when write succeeds: a failed run
// never leaves a half-written result behind.
func (e *env) writeResult(write func(w *bufio.Writer) error) error {
	if e.cfg.Output == "" || e.cfg.Output == "-" {
		w := bufio.NewWriterSize(e.stdout, 64<<10)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	return writeFileAtomic(e.cfg.Output, write)
}

func writeFileAtomic(path string, write func(w *bufio.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 64<<10)
	if err = write(w); err != nil {
		return err
	}
	if err = w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
