package java

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Caps on reading one archive and everything nested in it.
var (
	maxNesting      = 4        // archives inside archives, below the outer one
	maxEntries      = 200000   // entries of one archive
	maxEntryRead    = 1 << 20  // bytes read of one pom.properties or manifest
	maxNestedSize   = 64 << 20 // uncompressed size of one nested archive read into memory
	maxTotalRead    = 1 << 30  // uncompressed bytes read per outer archive
	maxTotalEntries = 1000000  // entries looked at per outer archive
)

const metaNameSource = "java.name-source"

var archiveExts = []string{".jar", ".war", ".ear", ".jpi", ".hpi", ".par"}

func isArchiveName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range archiveExts {
		if ext == e {
			return true
		}
	}
	return false
}

type archiveExtractor struct{}

func (archiveExtractor) Name() string { return "java/archive" }

func (archiveExtractor) Match(p string, _ fs.FileMode) bool { return isArchiveName(p) }

func (archiveExtractor) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	r, size, cleanup, err := extractor.RandomAccess(f, nil, memSpoolLimit)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	b := &budget{bytes: int64(maxTotalRead), entries: maxTotalEntries}
	pkgs, err := readArchive(ctx, r, size, f.Path, f.Layer, 0, b)
	if err != nil {
		return nil, err
	}
	return pkgs, nil
}

// budget is what is left to read of one outer archive.
type budget struct {
	bytes   int64
	entries int
}

var errBudget = errors.New("archive is over vouch's read caps (a zip bomb?)")

// readArchive reads the packages of one archive at location loc and, up to
// maxNesting, of the archives inside it.
func readArchive(ctx context.Context, r io.ReaderAt, size int64, loc, layer string, depth int, b *budget) ([]vouch.Package, error) {
	n, err := entryCount(r, size)
	if err != nil {
		return nil, err
	}
	if n > uint64(maxEntries) {
		return nil, fmt.Errorf("archive has %d entries, more than the %d vouch reads", n, maxEntries)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("open archive: %w", err)
	}
	b.entries -= len(zr.File)
	if b.entries < 0 {
		return nil, errBudget
	}

	var pkgs []vouch.Package
	var manifest *zip.File
	var nested []*zip.File
	var props []*zip.File
	for _, e := range zr.File {
		name := e.Name
		switch {
		case strings.HasPrefix(name, "META-INF/maven/") && strings.HasSuffix(name, "/pom.properties"):
			props = append(props, e)
		case strings.EqualFold(name, "META-INF/MANIFEST.MF"):
			manifest = e
		case isArchiveName(name) && !strings.HasSuffix(name, "/"):
			nested = append(nested, e)
		}
	}
	sort.Slice(props, func(i, j int) bool { return props[i].Name < props[j].Name })
	for _, e := range props {
		data, err := readEntry(e, b)
		if err != nil {
			if errors.Is(err, errBudget) {
				return nil, err
			}
			continue
		}
		if p, ok := fromPomProperties(data, e.Name, loc, layer); ok {
			pkgs = append(pkgs, p)
		}
	}
	if len(props) == 0 && manifest != nil {
		if data, err := readEntry(manifest, b); err == nil {
			if p, ok := fromManifest(data, loc, layer); ok {
				pkgs = append(pkgs, p)
			}
		} else if errors.Is(err, errBudget) {
			return nil, err
		}
	}
	if depth >= maxNesting {
		return pkgs, nil
	}
	for _, e := range nested {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		inner, err := readNested(ctx, r, e, loc+"!/"+e.Name, layer, depth+1, b)
		if errors.Is(err, errBudget) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		// A broken nested archive costs its own packages, not the outer ones.
		pkgs = append(pkgs, inner...)
	}
	return pkgs, nil
}

// readNested opens an archive stored inside another. Stored (uncompressed)
// entries — what Spring Boot and most wars use — are read in place;
// compressed ones are inflated into memory, within the caps.
func readNested(ctx context.Context, outer io.ReaderAt, e *zip.File, loc, layer string, depth int, b *budget) ([]vouch.Package, error) {
	if e.Method == zip.Store && e.CompressedSize64 == e.UncompressedSize64 {
		off, err := e.DataOffset()
		if err != nil {
			return nil, err
		}
		return readArchive(ctx, io.NewSectionReader(outer, off, int64(e.UncompressedSize64)), int64(e.UncompressedSize64), loc, layer, depth, b)
	}
	if e.UncompressedSize64 > uint64(maxNestedSize) {
		return nil, fmt.Errorf("%s: %d bytes is over the %d byte cap for nested archives", loc, e.UncompressedSize64, maxNestedSize)
	}
	data, err := readLimited(e, int64(maxNestedSize), b)
	if err != nil {
		return nil, err
	}
	return readArchive(ctx, bytes.NewReader(data), int64(len(data)), loc, layer, depth, b)
}

// readEntry reads a small text entry (pom.properties, a manifest).
func readEntry(e *zip.File, b *budget) ([]byte, error) {
	return readLimited(e, int64(maxEntryRead), b)
}

// readLimited inflates an entry, reading at most limit bytes of it and
// charging them to the budget.
func readLimited(e *zip.File, limit int64, b *budget) ([]byte, error) {
	rc, err := e.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	want := min(limit, b.bytes)
	hint := min(int64(e.UncompressedSize64), want)
	buf := bytes.NewBuffer(make([]byte, 0, max(hint, 0)+1))
	n, err := io.Copy(buf, io.LimitReader(rc, want+1))
	b.bytes -= n
	if err != nil {
		return nil, err
	}
	if n > want {
		if want == b.bytes+n { // the total ran out, not the entry's own cap
			return nil, errBudget
		}
		return nil, fmt.Errorf("%s: over %d bytes", e.Name, limit)
	}
	return buf.Bytes(), nil
}

// entryCount reads the number of entries from the end-of-central-directory
// record (zip64 when needed), so that an archive claiming millions of
// entries is refused before archive/zip allocates for them. It returns 0
// when there is no such record; zip.NewReader then reports the error.
func entryCount(r io.ReaderAt, size int64) (uint64, error) {
	const eocdLen, maxComment = 22, 65535
	tail := min(size, eocdLen+maxComment)
	if tail < eocdLen {
		return 0, nil
	}
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, fmt.Errorf("read archive directory: %w", err)
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, nil
	}
	n := uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	if n != 0xffff {
		return n, nil
	}
	// zip64: the locator sits just before the record and points at the
	// zip64 end-of-central-directory record.
	if i < 20 || string(buf[i-20:i-16]) != "PK\x06\x07" {
		return n, nil
	}
	off := int64(binary.LittleEndian.Uint64(buf[i-20+8:]))
	rec := make([]byte, 56)
	if off < 0 || off > size-56 {
		return 0, errors.New("zip64 directory record out of range")
	}
	if _, err := r.ReadAt(rec, off); err != nil {
		return 0, fmt.Errorf("read archive directory: %w", err)
	}
	if string(rec[:4]) != "PK\x06\x06" {
		return 0, errors.New("bad zip64 directory record")
	}
	return binary.LittleEndian.Uint64(rec[32:]), nil
}

// fromPomProperties reads META-INF/maven/<g>/<a>/pom.properties.
func fromPomProperties(data []byte, entry, loc, layer string) (vouch.Package, bool) {
	props := parseProperties(data)
	g, a, v := props["groupId"], props["artifactId"], props["version"]
	if g == "" || a == "" {
		// Fall back to the directory names Maven writes it under.
		parts := strings.Split(strings.TrimPrefix(entry, "META-INF/maven/"), "/")
		if len(parts) == 3 {
			g, a = orDefault(g, parts[0]), orDefault(a, parts[1])
		}
	}
	if g == "" || a == "" || v == "" || strings.Contains(v, "${") {
		return vouch.Package{}, false
	}
	name := g + ":" + a
	return vouch.Package{
		Ecosystem: vouch.EcosystemMaven,
		Name:      name,
		Version:   v,
		PURL:      purl.For(vouch.EcosystemMaven, name, v, nil),
		Locations: []vouch.Location{{Path: loc, Layer: layer}},
	}, true
}

// parseProperties reads the key=value (or key: value) lines of a Java
// properties file; comments start with # or !.
func parseProperties(data []byte) map[string]string {
	props := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxEntryRead)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i < 0 {
			continue
		}
		props[strings.TrimSpace(line[:i])] = strings.TrimSpace(line[i+1:])
	}
	return props
}

// parseManifest reads the main section of a MANIFEST.MF, joining
// continuation lines (those starting with one space).
func parseManifest(data []byte) map[string]string {
	attrs := map[string]string{}
	var key string
	for _, line := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			break // end of the main section
		}
		if line[0] == ' ' {
			if key != "" {
				attrs[key] += line[1:]
			}
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			key = ""
			continue
		}
		key = strings.TrimSpace(k)
		attrs[key] = strings.TrimSpace(v)
	}
	return attrs
}

// fromManifest guesses Maven coordinates from a manifest and the file
// name, for archives built without Maven metadata.
func fromManifest(data []byte, loc, layer string) (vouch.Package, bool) {
	attrs := parseManifest(data)
	title := attrs["Implementation-Title"]
	bsn, _, _ := strings.Cut(attrs["Bundle-SymbolicName"], ";")
	bsn = strings.TrimSpace(bsn)
	if title == "" && bsn == "" {
		return vouch.Package{}, false
	}
	file := loc
	if i := strings.LastIndex(file, "!/"); i >= 0 {
		file = file[i+2:]
	}
	stem := strings.TrimSuffix(path.Base(file), path.Ext(file))
	version := orDefault(attrs["Implementation-Version"], attrs["Bundle-Version"])
	artifact, fileVersion := splitStem(stem, version)
	if version == "" {
		version = fileVersion
	}
	if version == "" || artifact == "" {
		return vouch.Package{}, false
	}
	group := attrs["Implementation-Vendor-Id"]
	if group == "" && strings.Contains(bsn, ".") {
		group = bsn[:strings.LastIndexByte(bsn, '.')]
	}
	if group == "" {
		group = artifact
	}
	name := group + ":" + artifact
	return vouch.Package{
		Ecosystem: vouch.EcosystemMaven,
		Name:      name,
		Version:   version,
		PURL:      purl.For(vouch.EcosystemMaven, name, version, nil),
		Locations: []vouch.Location{{Path: loc, Layer: layer}},
		Metadata:  map[string]string{metaNameSource: "manifest"},
	}, true
}

// splitStem splits "commons-lang-2.6" into "commons-lang" and "2.6": at
// the known version when the name ends in it, else at the last "-" that a
// digit follows.
func splitStem(stem, version string) (artifact, fileVersion string) {
	if version != "" && strings.HasSuffix(stem, "-"+version) {
		return strings.TrimSuffix(stem, "-"+version), version
	}
	for i := len(stem) - 2; i > 0; i-- {
		if stem[i] == '-' && stem[i+1] >= '0' && stem[i+1] <= '9' {
			return stem[:i], stem[i+1:]
		}
	}
	return stem, ""
}
