// Package image reads container images — from a registry, an OCI image
// layout directory, or an archive written by `docker save` or as an OCI
// layout in a tar — and streams the entries of their layers, without ever
// unpacking them to disk.
//
// Open resolves a reference to one image manifest and its layers:
//
//	im, err := image.Open(ctx, "ghcr.io/org/app:1.4", image.Options{Platform: "linux/arm64"})
//	defer im.Close()
//	err = im.Walk(ctx, func(layer int, e *image.Entry) error { … })
//
// What a reference names is decided in this order:
//
//   - a prefix says it outright: "oci-layout:DIR", "oci-archive:FILE",
//     "docker-archive:FILE" (either archive form is accepted after either
//     archive prefix), "registry:REF";
//   - an existing directory is an OCI image layout (it must hold an
//     oci-layout file);
//   - an existing file is an archive: a `docker save` tarball (its OCI
//     index.json is preferred when Docker ≥ 25 wrote one) or an OCI layout
//     in a tar;
//   - anything else is a registry reference, "name[:tag|@digest]".
//
// An index (a multi-platform image) is resolved to the manifest for
// Options.Platform, linux/amd64 by default; an index with a single image
// manifest resolves to it whatever its platform. A tag is resolved to a
// digest once, when the image is opened; every later request names the
// digest. Credentials come from Options.Username and Password when set,
// else from the Docker configuration (~/.docker/config.json and its
// credential helpers), else the pull is anonymous.
//
// Every blob is checked against its digest as it is read: the manifest and
// config when the image is opened, each layer while Walk streams it (a
// mismatch fails the walk when the layer ends). Digest is the manifest's
// digest, the identity that signatures and attestations name — except for
// a legacy `docker save` archive without an OCI index, which records no
// manifest: there it is the image ID, the config's digest, as docker
// reports it.
//
// # Safety
//
// Layers are hostile input. Walk cleans every entry name to a relative
// path inside the image root ("/etc/x" is "etc/x"; names that climb out
// of the root with ".." are skipped, as are hard links that point out of
// it), skips device files, fifos and sockets, never follows a symbolic link
// (links are reported as entries), and caps what it decompresses: one
// entry (Options.MaxEntrySize), the whole image (Options.MaxImageSize,
// counting every byte the decompressor yields, so that a small layer
// holding terabytes of zeros fails early) and the number of entries
// (Options.MaxEntries).
package image

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Defaults for Options fields left zero.
const (
	DefaultPlatform     = "linux/amd64"
	DefaultTimeout      = 60 * time.Second
	DefaultMaxEntrySize = 1 << 30  // 1 GiB
	DefaultMaxImageSize = 16 << 30 // 16 GiB
	DefaultMaxEntries   = 4 << 20  // 4,194,304
)

// Options steer Open and the walks of the image it returns. The zero value
// is usable.
type Options struct {
	// Platform selects a manifest from a multi-platform index:
	// "os/arch[/variant]". DefaultPlatform when empty.
	Platform string
	// Username and Password authenticate to the registry; when empty the
	// Docker configuration's credentials are used, if any.
	Username, Password string
	// Insecure allows a registry over plain HTTP. Registries on loopback
	// addresses are reached over HTTP without it.
	Insecure bool
	// Timeout is the longest a registry may stay silent: connecting,
	// answering a request, or between two reads of a blob.
	// DefaultTimeout when zero.
	Timeout time.Duration
	// Transport carries registry requests (tests use it); a clone of
	// http.DefaultTransport when nil.
	Transport http.RoundTripper

	// MaxEntrySize caps how much of one file Walk lets a visitor read;
	// DefaultMaxEntrySize when zero. Longer files are still walked, and
	// their Reader fails past the cap.
	MaxEntrySize int64
	// MaxImageSize caps the bytes Walk decompresses from all layers
	// together; DefaultMaxImageSize when zero.
	MaxImageSize int64
	// MaxEntries caps the entries of all layers together;
	// DefaultMaxEntries when zero.
	MaxEntries int
}

func (o Options) withDefaults() Options {
	if o.Platform == "" {
		o.Platform = DefaultPlatform
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxEntrySize <= 0 {
		o.MaxEntrySize = DefaultMaxEntrySize
	}
	if o.MaxImageSize <= 0 {
		o.MaxImageSize = DefaultMaxImageSize
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	return o
}

// Source says where an image was read from.
type Source string

const (
	SourceRegistry      Source = "registry"
	SourceOCILayout     Source = "oci-layout"
	SourceOCIArchive    Source = "oci-archive"
	SourceDockerArchive Source = "docker-archive"
)

// Image is one opened image: its identity, its layers, and the means to
// stream them. Close releases what Open holds (an archive's open file).
type Image struct {
	// Ref is the reference as the user gave it.
	Ref string
	// Resolved names exactly what was read: "registry/repo@sha256:…" for
	// a registry, the path for a layout or archive.
	Resolved string
	Source   Source
	// Digest is the manifest digest (the image ID for a legacy docker
	// archive; see the package documentation).
	Digest vouch.Digest
	// ConfigDigest is the digest of the image configuration: the image ID.
	ConfigDigest vouch.Digest
	// Platform is the image's own "os/arch[/variant]", from its config.
	Platform string
	// Layers are the image's layers, bottom first.
	Layers []Layer

	opts    Options
	sources []layerSource
	close   func() error
}

// Layer is one layer of an image.
type Layer struct {
	// Digest names the layer blob as stored (compressed): the digest its
	// manifest lists. A docker archive stores layers uncompressed and
	// lists no blob digests; there it equals DiffID.
	Digest vouch.Digest
	// DiffID is the digest of the uncompressed tar, from the config.
	DiffID vouch.Digest
	// Size is the stored size in bytes.
	Size      int64
	MediaType string
}

// Close releases the image's resources. Walk must not be called after.
func (im *Image) Close() error {
	if im.close == nil {
		return nil
	}
	err := im.close()
	im.close = nil
	return err
}

// Open resolves ref to an image; see the package documentation for what a
// reference may be. Errors are *vouch.InputError naming ref, with a hint.
func Open(ctx context.Context, ref string, opts Options) (*Image, error) {
	opts = opts.withDefaults()
	want, err := v1.ParsePlatform(opts.Platform)
	if err != nil || want.OS == "" || want.Architecture == "" {
		return nil, vouch.Input(fmt.Errorf("platform %q: want os/arch[/variant]", opts.Platform), "for example --platform linux/arm64")
	}
	kind, rest := splitPrefix(ref)
	var im *Image
	switch kind {
	case "registry":
		im, err = openRemote(ctx, ref, rest, *want, opts)
	case "oci-layout":
		im, err = openLayoutDir(ctx, ref, rest, *want)
	case "oci-archive", "docker-archive":
		im, err = openArchive(ctx, ref, rest, *want)
	default:
		fi, statErr := os.Stat(ref)
		switch {
		case statErr == nil && fi.IsDir():
			im, err = openLayoutDir(ctx, ref, ref, *want)
		case statErr == nil:
			im, err = openArchive(ctx, ref, ref, *want)
		case looksLikePath(ref):
			err = inputErr(ref, "no such file or directory", statErr,
				"give an existing archive or OCI layout, or registry:REF for a registry image")
		default:
			im, err = openRemote(ctx, ref, ref, *want, opts)
		}
	}
	if err != nil {
		return nil, err
	}
	im.Ref, im.opts = ref, opts
	return im, nil
}

// splitPrefix separates a transport prefix ("oci-layout:", "registry:" …)
// from the rest of a reference.
func splitPrefix(ref string) (kind, rest string) {
	for _, k := range []string{"registry", "oci-layout", "oci-archive", "docker-archive"} {
		if r, ok := strings.CutPrefix(ref, k+":"); ok {
			return k, r
		}
	}
	return "", ref
}

// looksLikePath reports whether ref can only be meant as a file name.
func looksLikePath(ref string) bool {
	return filepath.IsAbs(ref) || strings.HasPrefix(ref, "./") || strings.HasPrefix(ref, "../") ||
		strings.HasPrefix(ref, "~") || strings.HasSuffix(ref, ".tar") || strings.HasSuffix(ref, ".tar.gz")
}

// inputErr is an error about ref that the user can fix.
func inputErr(ref, reason string, cause error, hint string) error {
	err := fmt.Errorf("image %s: %s", ref, reason)
	if cause != nil {
		err = fmt.Errorf("image %s: %s: %w", ref, reason, cause)
	}
	return &vouch.InputError{Err: err, Hint: hint}
}

// errNotImage marks content that is not a container image.
var errNotImage = errors.New("not a container image")

func toDigest(h v1.Hash) vouch.Digest {
	if h.Hex == "" {
		return vouch.Digest{}
	}
	return vouch.Digest{Algorithm: h.Algorithm, Hex: h.Hex}
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
