package signing

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Where cosign keeps signatures and attestations, and vouch with it:
//
//   - the tag "sha256-<hex>.sig" of the image's repository: an OCI image
//     whose layers are simple-signing payloads, each with its signature in
//     the annotation "dev.cosignproject.cosign/signature" (cosign v1, v2,
//     and v3 with --new-bundle-format=false);
//   - the tag "sha256-<hex>.att": an OCI image whose layers are DSSE
//     envelopes, annotated with their "predicateType";
//   - OCI 1.1 referrers of the image (cosign v3's default): one manifest
//     per Sigstore bundle, its single layer the bundle, its artifactType
//     the bundle media type, annotated with
//     "dev.sigstore.bundle.predicateType".
const (
	SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json"
	DSSELayerMediaType     = "application/vnd.dsse.envelope.v1+json"
	SignatureAnnotation    = "dev.cosignproject.cosign/signature"
	PredicateAnnotation    = "predicateType"
	BundlePredicateAnno    = "dev.sigstore.bundle.predicateType"
	bundleContentAnno      = "dev.sigstore.bundle.content"
	emptyConfigMediaType   = "application/vnd.oci.empty.v1+json"
	maxManifestSize        = 4 << 20
	maxAttachedLayers      = 256
)

// RegistryOptions say how to reach a registry.
type RegistryOptions struct {
	// Username and Password authenticate; when empty, the Docker
	// configuration's credentials (and helpers) are used, if any.
	Username, Password string
	// Insecure allows plain HTTP. Loopback registries are reached over
	// HTTP without it.
	Insecure bool
	// Timeout bounds connecting and waiting for each response; 60 s when
	// zero.
	Timeout time.Duration
	// Transport carries requests; a clone of http.DefaultTransport when nil.
	Transport http.RoundTripper
}

// Registry stores and fetches signatures and attestations next to images.
type Registry struct {
	nameOpts []name.Option
	opts     []remote.Option
	basic    authn.Authenticator // nil: the Docker keychain
	tr       http.RoundTripper

	once   sync.Once
	puller *remote.Puller
	pusher *remote.Pusher
	err    error
}

// NewRegistry returns a Registry that talks as opts say.
func NewRegistry(opts RegistryOptions) *Registry {
	r := &Registry{}
	if opts.Insecure {
		r.nameOpts = append(r.nameOpts, name.Insecure)
	}
	if opts.Username != "" || opts.Password != "" {
		r.basic = &authn.Basic{Username: opts.Username, Password: opts.Password}
		r.opts = append(r.opts, remote.WithAuth(r.basic))
	} else {
		r.opts = append(r.opts, remote.WithAuthFromKeychain(authn.DefaultKeychain))
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	tr := opts.Transport
	if tr == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DialContext = (&net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}).DialContext
		t.ResponseHeaderTimeout = timeout
		t.TLSHandshakeTimeout = timeout
		t.MaxIdleConnsPerHost = 16
		tr = t
	}
	r.tr = tr
	r.opts = append(r.opts, remote.WithTransport(tr), remote.WithUserAgent("vouch"), remote.WithJobs(4))
	return r
}

func (r *Registry) init() error {
	r.once.Do(func() {
		r.puller, r.err = remote.NewPuller(r.opts...)
		if r.err == nil {
			r.pusher, r.err = remote.NewPusher(r.opts...)
		}
	})
	return r.err
}

// ImageRef is one image manifest in a registry, named by digest.
type ImageRef struct {
	// Given is the reference as the user wrote it.
	Given string
	// Repository is "registry/path", as cosign names a signed image.
	Repository string
	Digest     vouch.Digest
	MediaType  string
	Size       int64

	ref name.Digest
}

// String is "registry/path@sha256:…".
func (im *ImageRef) String() string { return im.ref.String() }

// Resolve names ref by digest: a tag is resolved once, here, and every
// later request names the digest, so that a tag moved meanwhile cannot
// change what is signed or verified.
func (r *Registry) Resolve(ctx context.Context, ref string) (*ImageRef, error) {
	if err := r.init(); err != nil {
		return nil, err
	}
	ref = strings.TrimPrefix(strings.TrimPrefix(ref, "registry:"), "image:")
	parsed, err := name.ParseReference(ref, r.nameOpts...)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("image %s: %w", ref, err), "give a reference like registry.example/app:1.0 or registry.example/app@sha256:…")
	}
	desc, err := r.puller.Head(ctx, parsed)
	if err != nil {
		return nil, registryError(ref, err)
	}
	d := parsed.Context().Digest(desc.Digest.String())
	return &ImageRef{
		Given:      ref,
		Repository: parsed.Context().Name(),
		Digest:     vouch.Digest{Algorithm: desc.Digest.Algorithm, Hex: desc.Digest.Hex},
		MediaType:  string(desc.MediaType),
		Size:       desc.Size,
		ref:        d,
	}, nil
}

// registryError turns a registry failure into an input error with a hint.
func registryError(ref string, err error) error {
	var te *transport.Error
	if errors.As(err, &te) {
		switch te.StatusCode {
		case http.StatusNotFound:
			return vouch.Input(fmt.Errorf("image %s: not found in the registry", ref), "")
		case http.StatusUnauthorized, http.StatusForbidden:
			return vouch.Input(fmt.Errorf("image %s: access denied (%d)", ref, te.StatusCode), "log in with docker login, or set VOUCH_REGISTRY_USERNAME and VOUCH_REGISTRY_PASSWORD")
		}
	}
	return vouch.Input(fmt.Errorf("image %s: %w", ref, err), "check the reference and that the registry is reachable (--insecure for plain HTTP)")
}

// attachedTag is cosign's tag for things attached to an image:
// "sha256-<hex>.sig", ".att".
func attachedTag(im *ImageRef, suffix string) name.Tag {
	return im.ref.Context().Tag(im.Digest.Algorithm + "-" + im.Digest.Hex + "." + suffix)
}

// Layer is one signature or attestation in an attached image: its
// content (a simple-signing payload, or a DSSE envelope) and
// annotations.
type Layer struct {
	MediaType   string
	Content     []byte
	Annotations map[string]string
}

// Signature returns the layer's detached signature (the base64
// annotation), if it has one.
func (l *Layer) Signature() ([]byte, error) {
	s := l.Annotations[SignatureAnnotation]
	if s == "" {
		return nil, errors.New("layer has no signature annotation")
	}
	return DecodeBase64(s)
}

// AttachSignature adds a simple-signing payload and its signature to the
// image's ".sig" tag, keeping the signatures already there.
func (r *Registry) AttachSignature(ctx context.Context, im *ImageRef, payload, sig []byte) error {
	return r.appendLayer(ctx, im, "sig", Layer{
		MediaType:   SimpleSigningMediaType,
		Content:     payload,
		Annotations: map[string]string{SignatureAnnotation: base64.StdEncoding.EncodeToString(sig)},
	})
}

// AttachAttestation adds a DSSE envelope to the image's ".att" tag.
func (r *Registry) AttachAttestation(ctx context.Context, im *ImageRef, envelope []byte, predicateType string) error {
	return r.appendLayer(ctx, im, "att", Layer{
		MediaType: DSSELayerMediaType,
		Content:   envelope,
		Annotations: map[string]string{
			SignatureAnnotation: "", // as cosign writes it: the signature is inside the envelope
			PredicateAnnotation: predicateType,
		},
	})
}

func (r *Registry) appendLayer(ctx context.Context, im *ImageRef, suffix string, l Layer) error {
	if err := r.init(); err != nil {
		return err
	}
	tag := attachedTag(im, suffix)
	var base v1.Image
	desc, err := r.puller.Get(ctx, tag)
	switch {
	case err == nil:
		base, err = desc.Image()
		if err != nil {
			return fmt.Errorf("read %s: %w", tag, err)
		}
		existing, err := readLayers(base, maxAttachedLayers)
		if err != nil {
			return fmt.Errorf("read %s: %w", tag, err)
		}
		for _, e := range existing {
			if bytes.Equal(e.Content, l.Content) && e.Annotations[SignatureAnnotation] == l.Annotations[SignatureAnnotation] {
				return nil // already there
			}
		}
	case isNotFound(err):
		base = mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	default:
		return registryError(tag.String(), err)
	}
	img, err := mutate.Append(base, mutate.Addendum{
		Layer:       static.NewLayer(l.Content, types.MediaType(l.MediaType)),
		Annotations: l.Annotations,
	})
	if err != nil {
		return fmt.Errorf("build %s: %w", tag, err)
	}
	if err := r.pusher.Push(ctx, tag, img); err != nil {
		return registryError(tag.String(), err)
	}
	return nil
}

func isNotFound(err error) bool {
	var te *transport.Error
	return errors.As(err, &te) && te.StatusCode == http.StatusNotFound
}

// ReferrersSupported reports whether the registry serves the OCI 1.1
// referrers API for the image's repository.
func (r *Registry) ReferrersSupported(ctx context.Context, im *ImageRef) (bool, error) {
	if err := r.init(); err != nil {
		return false, err
	}
	u := fmt.Sprintf("%s://%s/v2/%s/referrers/%s", im.ref.Registry.Scheme(), im.ref.RegistryStr(), im.ref.RepositoryStr(), im.ref.DigestStr())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false, err
	}
	req.Header.Set("Accept", string(types.OCIImageIndex))
	tr, err := transport.NewWithContext(ctx, im.ref.Registry, r.auth(ctx, im), r.tr, []string{im.ref.Scope(transport.PullScope)})
	if err != nil {
		return false, registryError(im.String(), err)
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return false, registryError(im.String(), err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxManifestSize))
	return resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), string(types.OCIImageIndex)), nil
}

// auth returns the credentials for the image's registry, for the one
// request ggcr has no call for.
func (r *Registry) auth(ctx context.Context, im *ImageRef) authn.Authenticator {
	if r.basic != nil {
		return r.basic
	}
	a, err := authn.DefaultKeychain.ResolveContext(ctx, im.ref.Context())
	if err != nil {
		return authn.Anonymous
	}
	return a
}

// AttachBundle stores a Sigstore bundle as an OCI 1.1 referrer of the
// image, as cosign v3 does. predicateType is recorded in the manifest's
// annotations (for a message signature it is empty).
func (r *Registry) AttachBundle(ctx context.Context, im *ImageRef, bundle []byte, predicateType string) error {
	if err := r.init(); err != nil {
		return err
	}
	repo := im.ref.Context()
	config := static.NewLayer([]byte("{}"), emptyConfigMediaType)
	layer := static.NewLayer(bundle, BundleMediaType)
	for _, l := range []v1.Layer{config, layer} {
		if err := r.pusher.Upload(ctx, repo, l); err != nil {
			return registryError(repo.String(), err)
		}
	}
	configDigest, _ := config.Digest()
	layerDigest, _ := layer.Digest()
	subjectHash, err := v1.NewHash(im.Digest.String())
	if err != nil {
		return err
	}
	content := "dsse-envelope"
	if predicateType == "" {
		content = "message-signature"
	}
	m := v1.Manifest{
		SchemaVersion: 2,
		MediaType:     types.OCIManifestSchema1,
		ArtifactType:  BundleMediaType,
		Config:        v1.Descriptor{MediaType: emptyConfigMediaType, Digest: configDigest, Size: 2},
		Layers:        []v1.Descriptor{{MediaType: BundleMediaType, Digest: layerDigest, Size: int64(len(bundle))}},
		Subject:       &v1.Descriptor{MediaType: types.MediaType(im.MediaType), Digest: subjectHash, Size: im.Size},
		Annotations: map[string]string{
			"org.opencontainers.image.created": time.Now().UTC().Format(time.RFC3339),
			bundleContentAnno:                  content,
			BundlePredicateAnno:                predicateType,
		},
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	h, _, _ := v1.SHA256(bytes.NewReader(raw))
	if err := r.pusher.Put(ctx, repo.Digest(h.String()), rawManifest{raw: raw, mediaType: types.OCIManifestSchema1}); err != nil {
		return registryError(repo.String(), err)
	}
	return nil
}

type rawManifest struct {
	raw       []byte
	mediaType types.MediaType
}

func (m rawManifest) RawManifest() ([]byte, error)        { return m.raw, nil }
func (m rawManifest) MediaType() (types.MediaType, error) { return m.mediaType, nil }

// Attached is everything stored next to one image.
type Attached struct {
	Signatures   []Layer  // layers of the ".sig" tag
	Attestations []Layer  // layers of the ".att" tag
	Bundles      [][]byte // Sigstore bundles among the image's referrers
	// Problems lists attachments that could not be read; they are skipped,
	// never trusted.
	Problems []error
}

// Fetch reads the image's ".sig" and ".att" tags and its referrers in
// parallel. A missing tag, or a registry without the referrers API, is
// not an error: there is simply nothing there.
func (r *Registry) Fetch(ctx context.Context, im *ImageRef) (*Attached, error) {
	if err := r.init(); err != nil {
		return nil, err
	}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out Attached
		err error
	)
	fail := func(e error) {
		mu.Lock()
		if err == nil {
			err = e
		}
		mu.Unlock()
	}
	for _, suffix := range []string{"sig", "att"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			layers, e := r.fetchTag(ctx, attachedTag(im, suffix))
			if e != nil {
				fail(e)
				return
			}
			mu.Lock()
			if suffix == "sig" {
				out.Signatures = layers
			} else {
				out.Attestations = layers
			}
			mu.Unlock()
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		bundles, problems, e := r.fetchReferrers(ctx, im)
		if e != nil {
			fail(e)
			return
		}
		mu.Lock()
		out.Bundles, out.Problems = bundles, append(out.Problems, problems...)
		mu.Unlock()
	}()
	wg.Wait()
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// fetchTag reads the layers of an attached image; a missing tag has none.
func (r *Registry) fetchTag(ctx context.Context, tag name.Tag) ([]Layer, error) {
	desc, err := r.puller.Get(ctx, tag)
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, registryError(tag.String(), err)
	}
	img, err := desc.Image()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", tag, err)
	}
	layers, err := readLayers(img, maxAttachedLayers)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", tag, err)
	}
	return layers, nil
}

// readLayers reads every layer of a small attached image in parallel.
// Each blob is checked against its digest as it is read.
func readLayers(img v1.Image, max int) ([]Layer, error) {
	m, err := img.Manifest()
	if err != nil {
		return nil, err
	}
	if len(m.Layers) > max {
		return nil, fmt.Errorf("%d layers; at most %d are read", len(m.Layers), max)
	}
	out := make([]Layer, len(m.Layers))
	errs := make([]error, len(m.Layers))
	var wg sync.WaitGroup
	for i, d := range m.Layers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if d.Size > MaxBundleSize {
				errs[i] = fmt.Errorf("layer %s: %d bytes is too large", d.Digest, d.Size)
				return
			}
			l, err := img.LayerByDigest(d.Digest)
			if err != nil {
				errs[i] = err
				return
			}
			rc, err := l.Compressed()
			if err != nil {
				errs[i] = err
				return
			}
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, MaxBundleSize+1))
			if err != nil {
				errs[i] = fmt.Errorf("layer %s: %w", d.Digest, err)
				return
			}
			out[i] = Layer{MediaType: string(d.MediaType), Content: b, Annotations: d.Annotations}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// fetchReferrers reads the Sigstore bundles among the image's referrers.
func (r *Registry) fetchReferrers(ctx context.Context, im *ImageRef) ([][]byte, []error, error) {
	idx, err := remote.Referrers(im.ref, append(r.opts, remote.WithContext(ctx), remote.Reuse(r.puller))...)
	if err != nil {
		if isNotFound(err) {
			return nil, nil, nil
		}
		return nil, nil, registryError(im.String(), err)
	}
	m, err := idx.IndexManifest()
	if err != nil {
		return nil, nil, fmt.Errorf("read referrers of %s: %w", im, err)
	}
	var picked []v1.Descriptor
	for _, d := range m.Manifests {
		// Registries report the manifest's artifactType, or (as older ones
		// and go-containerregistry's do) its config media type; a bundle
		// referrer has one or the other. Anything else is not ours.
		switch {
		case strings.HasPrefix(d.ArtifactType, "application/vnd.dev.sigstore.bundle"),
			d.ArtifactType == emptyConfigMediaType, d.ArtifactType == "":
			picked = append(picked, d)
		}
	}
	if len(picked) > maxAttachedLayers {
		picked = picked[:maxAttachedLayers]
	}
	bundles := make([][]byte, len(picked))
	problems := make([]error, len(picked))
	var wg sync.WaitGroup
	for i, d := range picked {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ref := im.ref.Context().Digest(d.Digest.String())
			desc, err := r.puller.Get(ctx, ref)
			if err != nil {
				problems[i] = fmt.Errorf("referrer %s: %w", d.Digest, err)
				return
			}
			img, err := desc.Image()
			if err != nil {
				problems[i] = fmt.Errorf("referrer %s: %w", d.Digest, err)
				return
			}
			layers, err := readLayers(img, 1)
			if err != nil || len(layers) != 1 {
				problems[i] = fmt.Errorf("referrer %s: want one bundle layer: %v", d.Digest, err)
				return
			}
			if !strings.HasPrefix(layers[0].MediaType, "application/vnd.dev.sigstore.bundle") {
				problems[i] = fmt.Errorf("referrer %s: layer is %s, not a bundle", d.Digest, layers[0].MediaType)
				return
			}
			bundles[i] = layers[0].Content
		}()
	}
	wg.Wait()
	var got [][]byte
	var bad []error
	for i := range picked {
		if problems[i] != nil {
			bad = append(bad, problems[i])
			continue
		}
		got = append(got, bundles[i])
	}
	return got, bad, nil
}
