package image

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Caps on the small documents of an image.
const (
	maxManifestSize  = 4 << 20  // the OCI distribution spec's own recommendation
	maxConfigSize    = 32 << 20 // configs with long histories run to a few MiB
	maxIndexEntries  = 1024
	maxIndexNesting  = 4
	maxLayers        = 1024
	attestationAnnot = "vnd.docker.reference.type"
)

// store reads the manifests and blobs of one image source by digest.
type store interface {
	// manifest returns the manifest or index d names, checked against d.
	manifest(ctx context.Context, d v1.Descriptor) ([]byte, error)
	// blob opens the blob with digest h as stored. verified reports that
	// the reader checks the digest itself when it reaches the end.
	blob(ctx context.Context, h v1.Hash, size int64) (rc io.ReadCloser, verified bool, err error)
}

// readBlob reads a small blob whole and checks it against d.
func readBlob(ctx context.Context, s store, d v1.Descriptor, max int64) ([]byte, error) {
	if d.Size > max {
		return nil, fmt.Errorf("blob %s: %d bytes is more than the %s allowed", d.Digest, d.Size, formatSize(max))
	}
	rc, _, err := s.blob(ctx, d.Digest, d.Size)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", d.Digest, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("blob %s: more than the %s allowed", d.Digest, formatSize(max))
	}
	if err := checkBytes(d, b); err != nil {
		return nil, err
	}
	return b, nil
}

// checkBytes verifies that b is what descriptor d describes.
func checkBytes(d v1.Descriptor, b []byte) error {
	h, err := newHash(d.Digest.Algorithm)
	if err != nil {
		return fmt.Errorf("blob %s: %w", d.Digest, err)
	}
	h.Write(b)
	if got := hex.EncodeToString(h.Sum(nil)); got != d.Digest.Hex {
		return fmt.Errorf("blob %s: content has digest %s:%s", d.Digest, d.Digest.Algorithm, got)
	}
	if d.Size > 0 && int64(len(b)) != d.Size {
		return fmt.Errorf("blob %s: %d bytes, descriptor says %d", d.Digest, len(b), d.Size)
	}
	return nil
}

func newHash(alg string) (hash.Hash, error) {
	switch alg {
	case "sha256":
		return sha256.New(), nil
	case "sha512":
		return sha512.New(), nil
	}
	return nil, fmt.Errorf("unsupported digest algorithm %q", alg)
}

// chooseManifest picks the image manifest for want from an index,
// descending into nested indexes: the only image manifest there is, or the
// first whose platform satisfies want, as docker chooses. Attestation
// manifests (buildkit's "unknown/unknown" entries) never count.
func chooseManifest(ctx context.Context, s store, idx *v1.IndexManifest, want v1.Platform) (v1.Descriptor, error) {
	var cands []v1.Descriptor
	if err := collectManifests(ctx, s, idx, 0, &cands); err != nil {
		return v1.Descriptor{}, err
	}
	switch len(cands) {
	case 0:
		return v1.Descriptor{}, fmt.Errorf("%w: the index lists no image manifest", errNotImage)
	case 1:
		return cands[0], nil
	}
	var seen []string
	for _, d := range cands {
		p := d.Platform
		if p == nil {
			var err error
			if p, err = platformOf(ctx, s, d); err != nil {
				return v1.Descriptor{}, err
			}
		}
		if normPlatform(*p).Satisfies(normPlatform(want)) {
			return d, nil
		}
		seen = append(seen, p.String())
	}
	return v1.Descriptor{}, &platformError{want: want.String(), have: seen}
}

// platformError says that an index has no image for the platform asked.
type platformError struct {
	want string
	have []string
}

func (e *platformError) Error() string {
	return fmt.Sprintf("no image for platform %s (the index has %s)", e.want, strings.Join(e.have, ", "))
}

func collectManifests(ctx context.Context, s store, idx *v1.IndexManifest, depth int, out *[]v1.Descriptor) error {
	if len(idx.Manifests)+len(*out) > maxIndexEntries {
		return fmt.Errorf("index lists more than %d manifests", maxIndexEntries)
	}
	for _, d := range idx.Manifests {
		switch {
		case d.MediaType.IsIndex():
			if depth >= maxIndexNesting {
				return fmt.Errorf("indexes nested more than %d deep", maxIndexNesting)
			}
			b, err := s.manifest(ctx, d)
			if err != nil {
				return err
			}
			sub, err := v1.ParseIndexManifest(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("index %s: %w", d.Digest, err)
			}
			if err := collectManifests(ctx, s, sub, depth+1, out); err != nil {
				return err
			}
		case d.MediaType.IsImage():
			if d.Annotations[attestationAnnot] == "attestation-manifest" ||
				d.Platform != nil && d.Platform.OS == "unknown" {
				continue
			}
			*out = append(*out, d)
		}
	}
	return nil
}

// normPlatform spells arm64's default variant the way most indexes do:
// not at all.
func normPlatform(p v1.Platform) v1.Platform {
	if p.Architecture == "arm64" && p.Variant == "v8" {
		p.Variant = ""
	}
	return p
}

// platformOf reads the platform of a manifest whose descriptor names none.
func platformOf(ctx context.Context, s store, d v1.Descriptor) (*v1.Platform, error) {
	b, err := s.manifest(ctx, d)
	if err != nil {
		return nil, err
	}
	m, err := v1.ParseManifest(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", d.Digest, err)
	}
	cb, err := readBlob(ctx, s, m.Config, maxConfigSize)
	if err != nil {
		return nil, err
	}
	cfg, err := v1.ParseConfigFile(bytes.NewReader(cb))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", m.Config.Digest, err)
	}
	return &v1.Platform{OS: cfg.OS, Architecture: cfg.Architecture, Variant: cfg.Variant}, nil
}

// loadImage reads the manifest mb (described by md) and its config, and
// returns the image with a source for each layer.
func loadImage(ctx context.Context, s store, md v1.Descriptor, mb []byte) (*Image, error) {
	m, err := v1.ParseManifest(bytes.NewReader(mb))
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", md.Digest, err)
	}
	if !m.Config.MediaType.IsConfig() {
		return nil, fmt.Errorf("%w: its config has media type %q (an OCI artifact?)", errNotImage, m.Config.MediaType)
	}
	if len(m.Layers) > maxLayers {
		return nil, fmt.Errorf("manifest %s: %d layers, more than the %d allowed", md.Digest, len(m.Layers), maxLayers)
	}
	cb, err := readBlob(ctx, s, m.Config, maxConfigSize)
	if err != nil {
		return nil, err
	}
	cfg, err := v1.ParseConfigFile(bytes.NewReader(cb))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", m.Config.Digest, err)
	}
	if len(cfg.RootFS.DiffIDs) != len(m.Layers) {
		return nil, fmt.Errorf("config %s lists %d layer diff_ids, the manifest %d layers",
			m.Config.Digest, len(cfg.RootFS.DiffIDs), len(m.Layers))
	}
	im := &Image{
		Digest:       toDigest(md.Digest),
		ConfigDigest: toDigest(m.Config.Digest),
		Platform:     v1.Platform{OS: cfg.OS, Architecture: cfg.Architecture, Variant: cfg.Variant}.String(),
	}
	for i, l := range m.Layers {
		if !isLayer(l.MediaType) {
			return nil, fmt.Errorf("%w: layer %d has media type %q", errNotImage, i, l.MediaType)
		}
		im.Layers = append(im.Layers, Layer{
			Digest:    toDigest(l.Digest),
			DiffID:    toDigest(cfg.RootFS.DiffIDs[i]),
			Size:      l.Size,
			MediaType: string(l.MediaType),
		})
		h, size := l.Digest, l.Size
		im.sources = append(im.sources, layerSource{
			open: func(ctx context.Context) (io.ReadCloser, bool, error) { return s.blob(ctx, h, size) },
			want: h,
		})
	}
	return im, nil
}

func isLayer(mt types.MediaType) bool {
	return mt.IsLayer() || strings.HasPrefix(string(mt), "application/vnd.oci.image.layer.") ||
		strings.HasPrefix(string(mt), "application/vnd.docker.image.rootfs.")
}

// digestError reports a blob whose content does not match its digest.
var errDigestMismatch = errors.New("content does not match its digest")
