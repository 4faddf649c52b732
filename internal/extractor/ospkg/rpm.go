package ospkg

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// RPM reads the rpm database of Red Hat, Fedora, CentOS, Rocky, Alma,
// SUSE and their kin in any of its three formats (see rpmdb.go), under
// var/lib/rpm or usr/lib/sysimage/rpm. The format is told from the
// contents, not the name. gpg-pubkey entries, which record imported
// signing keys rather than packages, are skipped.
//
// SQLite needs a file on disk: a File whose ReaderAt is an *os.File with an
// absolute name is opened read-only and immutable in place; anything else
// is copied to a temporary file, removed afterwards.
type RPM struct{}

var rpmPaths = map[string]bool{
	"var/lib/rpm/rpmdb.sqlite":          true,
	"var/lib/rpm/Packages":              true,
	"var/lib/rpm/Packages.db":           true,
	"usr/lib/sysimage/rpm/rpmdb.sqlite": true,
	"usr/lib/sysimage/rpm/Packages":     true,
	"usr/lib/sysimage/rpm/Packages.db":  true,
}

// Name implements extractor.Extractor.
func (RPM) Name() string { return "ospkg/rpm" }

// Match implements extractor.Extractor.
func (RPM) Match(p string, _ fs.FileMode) bool { return rpmPaths[p] }

// Extract implements extractor.Extractor.
func (RPM) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	if f.Size > extractor.MaxFileSize {
		return nil, fmt.Errorf("database of %d bytes is larger than the %d-byte limit", f.Size, extractor.MaxFileSize)
	}
	ra, size, cleanup, err := readerAt(f)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	head := make([]byte, 64)
	n, err := ra.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	var (
		pkgs []vouch.Package
		errs errorList
		seq  int
	)
	add := func(blob []byte) error {
		seq++
		p, err := rpmPackage(blob, f.Path)
		if err != nil {
			errs.add(fmt.Errorf("package header %d: %w", seq, err))
			return nil
		}
		if p != nil {
			pkgs = append(pkgs, *p)
		}
		return nil
	}
	switch sniffRPM(head[:n]) {
	case rpmSQLite:
		file, done, err := onDisk(ra, size)
		if err != nil {
			return nil, err
		}
		defer done()
		err = readSQLite(ctx, file, add)
		if err != nil {
			return pkgs, err
		}
	case rpmBDB:
		if err := readBDB(ctx, ra, size, add); err != nil {
			return pkgs, err
		}
	case rpmNDB:
		if err := readNDB(ctx, ra, size, add); err != nil {
			return pkgs, err
		}
	default:
		if n == 0 {
			return nil, nil // an empty database: rpm creates one before the first install
		}
		return nil, errors.New("not an rpm database (neither SQLite, Berkeley DB hash nor NDB)")
	}
	return pkgs, errs.err()
}

// rpmPackage turns one header blob into a package, or nil for gpg-pubkey.
func rpmPackage(blob []byte, file string) (*vouch.Package, error) {
	h, err := parseRPMHeader(blob)
	if err != nil {
		return nil, err
	}
	if h.name == "gpg-pubkey" {
		return nil, nil
	}
	p := &vouch.Package{
		Ecosystem:  vouch.EcosystemRedHat,
		Name:       h.name,
		Version:    h.evr(),
		SourceName: h.name,
		Locations:  []vouch.Location{{Path: file}},
		Metadata:   map[string]string{MetaDB: DBRpm},
	}
	if h.arch != "" {
		p.Metadata[MetaArch] = h.arch
	}
	if h.hasEpoch {
		p.Metadata[MetaEpoch] = strconv.Itoa(int(h.epoch))
	}
	if h.modularity != "" {
		p.Metadata["rpm.modularitylabel"] = h.modularity
	}
	if h.license != "" {
		p.Licenses = []string{h.license}
	}
	if h.sourceRPM != "" {
		name, ver := sourceNV(h.sourceRPM)
		p.SourceName = name
		vr := h.version
		if h.release != "" {
			vr += "-" + h.release
		}
		if ver != "" && ver != vr {
			p.SourceVersion = ver
		}
	}
	setPURL(p, "")
	return p, nil
}

// readerAt gives random access to f: its own ReaderAt, or its Reader read
// into memory.
func readerAt(f *extractor.File) (io.ReaderAt, int64, func(), error) {
	if f.ReaderAt != nil {
		return f.ReaderAt, f.Size, func() {}, nil
	}
	b, err := io.ReadAll(io.LimitReader(f.Reader, extractor.MaxFileSize+1))
	if err != nil {
		return nil, 0, nil, err
	}
	if len(b) > extractor.MaxFileSize {
		return nil, 0, nil, fmt.Errorf("database larger than the %d-byte limit", extractor.MaxFileSize)
	}
	return bytes.NewReader(b), int64(len(b)), func() {}, nil
}

// onDisk returns the name of a file on disk holding ra's size bytes: ra
// itself when it is a file we can name, else a temporary copy that done
// removes.
func onDisk(ra io.ReaderAt, size int64) (name string, done func(), err error) {
	if f, ok := ra.(*os.File); ok && filepath.IsAbs(f.Name()) {
		fi, err1 := f.Stat()
		di, err2 := os.Stat(f.Name())
		if err1 == nil && err2 == nil && os.SameFile(fi, di) && fi.Size() == size {
			return f.Name(), func() {}, nil
		}
	}
	tmp, err := os.CreateTemp("", "vouch-rpmdb-*.sqlite")
	if err != nil {
		return "", nil, fmt.Errorf("spool rpm database: %w", err)
	}
	done = func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}
	if _, err := io.Copy(tmp, io.NewSectionReader(ra, 0, size)); err != nil {
		done()
		return "", nil, fmt.Errorf("spool rpm database: %w", err)
	}
	return tmp.Name(), done, nil
}
