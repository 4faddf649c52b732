package image

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// maxArchiveEntries caps the entries of an image archive's outer tar.
const maxArchiveEntries = 1 << 16

// dirStore reads an OCI image layout directory. Blobs are opened through
// an os.Root, so that no symlink in the layout reaches outside it.
type dirStore struct{ root *os.Root }

func (s dirStore) blob(_ context.Context, h v1.Hash, size int64) (io.ReadCloser, bool, error) {
	f, err := s.root.Open(path.Join("blobs", h.Algorithm, h.Hex))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, fmt.Errorf("blob %s is missing from the layout", h)
		}
		return nil, false, err
	}
	if size > 0 {
		fi, err := f.Stat()
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
			f.Close()
			return nil, false, fmt.Errorf("blob %s: not a %d-byte file", h, size)
		}
	}
	return f, false, nil
}

func (s dirStore) manifest(ctx context.Context, d v1.Descriptor) ([]byte, error) {
	return readBlob(ctx, s, d, maxManifestSize)
}

// tarStore reads an archive: every entry of its outer tar indexed once
// by name, blobs read in place through section readers.
type tarStore struct {
	f       *os.File
	entries map[string]tarEntry
}

type tarEntry struct {
	off, size int64
	link      string // target of a symbolic or hard link, else ""
}

func indexTar(f *os.File) (map[string]tarEntry, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	entries := map[string]tarEntry{}
	tr := tar.NewReader(f)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, errors.New("archive is truncated")
			}
			return nil, fmt.Errorf("read archive: %w", err)
		}
		if len(entries) >= maxArchiveEntries {
			return nil, fmt.Errorf("archive has more than %d entries", maxArchiveEntries)
		}
		name := strings.TrimPrefix(path.Clean("/"+hdr.Name), "/")
		switch hdr.Typeflag {
		case tar.TypeReg:
			// tar.Reader reads nothing past a header: the file offset is
			// where this entry's data starts.
			off, err := f.Seek(0, io.SeekCurrent)
			if err != nil {
				return nil, err
			}
			if off+hdr.Size > fi.Size() {
				return nil, errors.New("archive is truncated")
			}
			entries[name] = tarEntry{off: off, size: hdr.Size}
		case tar.TypeSymlink:
			entries[name] = tarEntry{link: path.Join(path.Dir(name), hdr.Linkname)}
		case tar.TypeLink:
			entries[name] = tarEntry{link: strings.TrimPrefix(path.Clean("/"+hdr.Linkname), "/")}
		}
	}
	return entries, nil
}

// lookup finds a regular file, following links inside the archive.
func (s *tarStore) lookup(name string) (tarEntry, bool) {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	for range 8 {
		e, ok := s.entries[name]
		if !ok || e.link == "" {
			return e, ok
		}
		name = strings.TrimPrefix(path.Clean("/"+e.link), "/")
	}
	return tarEntry{}, false
}

func (s *tarStore) open(name string) (io.ReadCloser, int64, bool) {
	e, ok := s.lookup(name)
	if !ok {
		return nil, 0, false
	}
	return io.NopCloser(io.NewSectionReader(s.f, e.off, e.size)), e.size, true
}

func (s *tarStore) readFile(name string, max int64) ([]byte, error) {
	rc, size, ok := s.open(name)
	if !ok {
		return nil, fmt.Errorf("%s is missing from the archive", name)
	}
	if size > max {
		return nil, fmt.Errorf("%s: %d bytes is more than the %s allowed", name, size, formatSize(max))
	}
	return io.ReadAll(rc)
}

func (s *tarStore) blob(_ context.Context, h v1.Hash, size int64) (io.ReadCloser, bool, error) {
	rc, n, ok := s.open(path.Join("blobs", h.Algorithm, h.Hex))
	if !ok {
		return nil, false, fmt.Errorf("blob %s is missing from the archive", h)
	}
	if size > 0 && n != size {
		return nil, false, fmt.Errorf("blob %s: %d bytes, descriptor says %d", h, n, size)
	}
	return rc, false, nil
}

func (s *tarStore) manifest(ctx context.Context, d v1.Descriptor) ([]byte, error) {
	return readBlob(ctx, s, d, maxManifestSize)
}

// openLayoutDir opens an OCI image layout directory.
func openLayoutDir(ctx context.Context, ref, dir string, want v1.Platform) (*Image, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, inputErr(ref, "cannot open", err, "")
	}
	if _, err := root.Stat("oci-layout"); err != nil {
		root.Close()
		return nil, inputErr(ref, "a directory but not an OCI image layout (no oci-layout file)", nil,
			"point at a layout (skopeo copy … oci:DIR, docker buildx --output type=oci,tar=false), or write registry:"+ref+" for a registry image")
	}
	s := dirStore{root: root}
	f, err := root.Open("index.json")
	var idx []byte
	if err == nil {
		idx, err = io.ReadAll(io.LimitReader(f, maxManifestSize+1))
		f.Close()
	}
	if err != nil {
		root.Close()
		return nil, inputErr(ref, "cannot read index.json", err, "")
	}
	im, err := openIndex(ctx, ref, s, idx, want)
	if err != nil {
		root.Close()
		return nil, err
	}
	im.Source, im.Resolved, im.close = SourceOCILayout, dir, root.Close
	return im, nil
}

// openIndex resolves an OCI layout's index.json, in a directory or an
// archive, to an image.
func openIndex(ctx context.Context, ref string, s store, idxBytes []byte, want v1.Platform) (*Image, error) {
	if len(idxBytes) > maxManifestSize {
		return nil, inputErr(ref, "index.json is larger than "+formatSize(maxManifestSize), nil, "")
	}
	idx, err := v1.ParseIndexManifest(bytes.NewReader(idxBytes))
	if err != nil {
		return nil, inputErr(ref, "index.json is not an OCI index", err, "")
	}
	md, err := chooseManifest(ctx, s, idx, want)
	if err != nil {
		return nil, wrapLocal(ref, err)
	}
	mb, err := s.manifest(ctx, md)
	if err != nil {
		return nil, wrapLocal(ref, err)
	}
	im, err := loadImage(ctx, s, md, mb)
	if err != nil {
		return nil, wrapLocal(ref, err)
	}
	return im, nil
}

func wrapLocal(ref string, err error) error {
	var pe *platformError
	switch {
	case errors.As(err, &pe):
		return inputErr(ref, pe.Error(), nil, "choose one of those with --platform")
	case errors.Is(err, errNotImage):
		return inputErr(ref, err.Error(), nil, "vouch scans container images; scan other artifacts as files")
	}
	return inputErr(ref, "broken image", err, "")
}

// openArchive opens a tar archive: an OCI layout in a tar, or what
// `docker save` writes (Docker ≥ 25 writes both in one).
func openArchive(ctx context.Context, ref, file string, want v1.Platform) (*Image, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, inputErr(ref, "cannot open", err, "")
	}
	fail := func(err error) (*Image, error) {
		f.Close()
		return nil, err
	}
	var magic [4]byte
	if n, _ := io.ReadFull(f, magic[:]); n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b ||
		n == 4 && bytes.Equal(magic[:], []byte{0x28, 0xb5, 0x2f, 0xfd}) {
		return fail(inputErr(ref, "a compressed archive", nil, "decompress it first (gunzip or zstd -d) and scan the .tar"))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fail(inputErr(ref, "cannot read", err, ""))
	}
	entries, err := indexTar(f)
	if err != nil {
		return fail(inputErr(ref, "not a readable image archive", err, "write one with docker save -o FILE IMAGE"))
	}
	s := &tarStore{f: f, entries: entries}
	_, hasDocker := s.lookup("manifest.json")
	var im *Image
	switch {
	case hasEntry(s, "index.json"):
		idx, err := s.readFile("index.json", maxManifestSize)
		if err != nil {
			return fail(inputErr(ref, "cannot read index.json", err, ""))
		}
		if im, err = openIndex(ctx, ref, s, idx, want); err != nil {
			return fail(err)
		}
		im.Source = SourceOCIArchive
		if hasDocker {
			im.Source = SourceDockerArchive
		}
	case hasDocker:
		if im, err = openDockerArchive(s, want); err != nil {
			return fail(wrapLocal(ref, err))
		}
	default:
		return fail(inputErr(ref, "a tar archive but not an image (no index.json or manifest.json)", nil,
			"write one with docker save -o FILE IMAGE"))
	}
	im.Resolved, im.close = file, f.Close
	return im, nil
}

func hasEntry(s *tarStore, name string) bool {
	_, ok := s.lookup(name)
	return ok
}

// dockerManifest is one image of a `docker save` manifest.json.
type dockerManifest struct {
	Config   string
	RepoTags []string
	Layers   []string
}

// openDockerArchive reads a legacy `docker save` archive: manifest.json
// lists each image's config and uncompressed layer tars by file name.
func openDockerArchive(s *tarStore, want v1.Platform) (*Image, error) {
	b, err := s.readFile("manifest.json", maxManifestSize)
	if err != nil {
		return nil, err
	}
	var ms []dockerManifest
	if err := json.Unmarshal(b, &ms); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("%w: manifest.json lists no image", errNotImage)
	}
	var (
		chosen *dockerManifest
		cfgRaw []byte
		cfg    *v1.ConfigFile
		seen   []string
	)
	for i := range ms {
		raw, err := s.readFile(ms[i].Config, maxConfigSize)
		if err != nil {
			return nil, err
		}
		c, err := v1.ParseConfigFile(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("config %s: %w", ms[i].Config, err)
		}
		p := v1.Platform{OS: c.OS, Architecture: c.Architecture, Variant: c.Variant}
		if len(ms) == 1 || normPlatform(p).Satisfies(normPlatform(want)) {
			chosen, cfgRaw, cfg = &ms[i], raw, c
			break
		}
		seen = append(seen, p.String())
	}
	if chosen == nil {
		return nil, &platformError{want: want.String(), have: seen}
	}
	if len(cfg.RootFS.DiffIDs) != len(chosen.Layers) {
		return nil, fmt.Errorf("config %s lists %d layer diff_ids, manifest.json %d layers",
			chosen.Config, len(cfg.RootFS.DiffIDs), len(chosen.Layers))
	}
	if len(chosen.Layers) > maxLayers {
		return nil, fmt.Errorf("%d layers, more than the %d allowed", len(chosen.Layers), maxLayers)
	}
	sum := sha256.Sum256(cfgRaw)
	id := vouch.Digest{Algorithm: "sha256", Hex: hex.EncodeToString(sum[:])}
	im := &Image{
		Source:       SourceDockerArchive,
		Digest:       id,
		ConfigDigest: id,
		Platform:     v1.Platform{OS: cfg.OS, Architecture: cfg.Architecture, Variant: cfg.Variant}.String(),
	}
	for i, name := range chosen.Layers {
		e, ok := s.lookup(name)
		if !ok {
			return nil, fmt.Errorf("layer %s is missing from the archive", name)
		}
		diffID := cfg.RootFS.DiffIDs[i]
		im.Layers = append(im.Layers, Layer{
			Digest:    toDigest(diffID),
			DiffID:    toDigest(diffID),
			Size:      e.size,
			MediaType: "application/vnd.docker.image.rootfs.diff.tar",
		})
		name := name
		im.sources = append(im.sources, layerSource{
			open: func(context.Context) (io.ReadCloser, bool, error) {
				rc, _, _ := s.open(name)
				return rc, false, nil
			},
			want:   diffID,
			diffID: true,
		})
	}
	return im, nil
}
