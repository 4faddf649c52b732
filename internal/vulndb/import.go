package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/vouch-dev/vouch/internal/osv"
)

// Import adds OSV records to the database in dir, creating it if needed.
// Each path is an OSV JSON document, a zip archive of them (the
// <Ecosystem>/all.zip layout OSV publishes: one document per entry), or a
// directory searched recursively for both (symbolic links and hidden
// directories are skipped). Records merge with what the database holds by
// id: the newest modified wins, the incoming record on a tie. Nothing
// changes unless every document parses.
func Import(ctx context.Context, dir string, paths []string) (*Status, error) {
	if len(paths) == 0 {
		return nil, errors.New("import: no files or directories given")
	}
	ins := make([]input, 0, len(paths))
	now := time.Now().UTC()
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		ins = append(ins, input{path: p, src: Source{Location: abs, Fetched: now}})
	}
	advs, sources, err := readInputs(ctx, ins)
	if err != nil {
		return nil, err
	}
	w, err := lockWriter(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer w.unlock()
	return w.commit(ctx, advs, sources)
}

type input struct {
	path string
	src  Source
}

type doc struct {
	seq  int
	in   int
	name string
	b    []byte
}

// readInputs reads and parses every document of ins, parsing on all CPUs.
// Results keep input order, which decides ties between equal ids.
func readInputs(ctx context.Context, ins []input) ([]*advisory, []Source, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	docs := make(chan doc, 64)
	var (
		mu      sync.Mutex
		results []*advisory
		counts  = make([]int, len(ins))
	)
	put := func(seq int, a *advisory) {
		mu.Lock()
		for len(results) <= seq {
			results = append(results, nil)
		}
		results[seq] = a
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vc := versionCache{}
			for d := range docs {
				e, err := osv.Parse(d.b)
				if err != nil {
					cancel(fmt.Errorf("import %s: %s: %w", ins[d.in].path, d.name, err))
					continue
				}
				a, err := newAdvisory(e, d.b, vc)
				if err != nil {
					cancel(fmt.Errorf("import %s: %s: %w", ins[d.in].path, d.name, err))
					continue
				}
				put(d.seq, a)
			}
		}()
	}
	seq := 0
	send := func(in int, name string, b []byte) error {
		select {
		case docs <- doc{seq: seq, in: in, name: name, b: b}:
			seq++
			counts[in]++
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	var rerr error
	for i, in := range ins {
		if rerr = readInput(ctx, in.path, func(name string, b []byte) error { return send(i, name, b) }); rerr != nil {
			break
		}
	}
	close(docs)
	wg.Wait()
	if rerr == nil {
		rerr = context.Cause(ctx)
	}
	if rerr != nil {
		return nil, nil, rerr
	}
	sources := make([]Source, len(ins))
	for i, in := range ins {
		sources[i] = in.src
		sources[i].Records = counts[i]
	}
	out := results[:0]
	for _, a := range results {
		if a != nil {
			out = append(out, a)
		}
	}
	return out, sources, nil
}

// readInput calls emit for every document path holds.
func readInput(ctx context.Context, path string, emit func(name string, b []byte) error) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	if !fi.IsDir() {
		return readFile(path, filepath.Base(path), true, emit)
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("import %s: %w", p, err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			if p != path && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symbolic links may point out of the tree
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".json" && ext != ".zip" {
			return nil
		}
		return readFile(p, p, false, emit)
	})
}

var zipMagic = []byte("PK\x03\x04")

// readFile reads one JSON document or zip archive.
func readFile(path, name string, sniff bool, emit func(name string, b []byte) error) error {
	isZip := strings.EqualFold(filepath.Ext(path), ".zip")
	if !isZip && sniff {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
		head := make([]byte, 4)
		n, _ := io.ReadFull(f, head)
		f.Close()
		isZip = bytes.Equal(head[:n], zipMagic)
	}
	if isZip {
		return readZip(path, emit)
	}
	b, err := readCapped(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	return emit(name, b)
}

func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, osv.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > osv.MaxSize {
		return nil, fmt.Errorf("larger than %d bytes", osv.MaxSize)
	}
	return b, nil
}

// readZip reads every .json entry of an archive. Entry names are only
// used in messages, never as paths.
func readZip(path string, emit func(name string, b []byte) error) error {
	r, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("import %s: not a readable zip archive: %w", path, err)
	}
	defer r.Close()
	for _, f := range r.File {
		if f.FileInfo().IsDir() || !strings.EqualFold(filepath.Ext(f.Name), ".json") {
			continue
		}
		if f.UncompressedSize64 > osv.MaxSize {
			return fmt.Errorf("import %s: %s: %d bytes exceeds %d", path, f.Name, f.UncompressedSize64, osv.MaxSize)
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("import %s: %s: %w", path, f.Name, err)
		}
		b := make([]byte, 0, f.UncompressedSize64+1)
		b, err = readAllInto(b, io.LimitReader(rc, osv.MaxSize+1))
		rc.Close()
		if err != nil {
			return fmt.Errorf("import %s: %s: %w", path, f.Name, err)
		}
		if len(b) > osv.MaxSize {
			return fmt.Errorf("import %s: %s: larger than %d bytes", path, f.Name, osv.MaxSize)
		}
		if err := emit(f.Name, b); err != nil {
			return err
		}
	}
	return nil
}

// readAllInto is io.ReadAll into a buffer sized in advance.
func readAllInto(b []byte, r io.Reader) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}
