package image

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
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
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// remoteStore reads one repository of a registry. Every request names a
// digest; go-containerregistry checks each blob against it.
type remoteStore struct {
	ref    string // as the user gave it, for errors
	repo   name.Repository
	puller *remote.Puller
}

func (s *remoteStore) manifest(ctx context.Context, d v1.Descriptor) ([]byte, error) {
	desc, err := s.puller.Get(ctx, s.repo.Digest(d.Digest.String()))
	if err != nil {
		return nil, classify(s.ref, err)
	}
	if err := checkBytes(d, desc.Manifest); err != nil {
		return nil, err
	}
	return desc.Manifest, nil
}

func (s *remoteStore) blob(ctx context.Context, h v1.Hash, _ int64) (io.ReadCloser, bool, error) {
	l, err := s.puller.Layer(ctx, s.repo.Digest(h.String()))
	if err != nil {
		return nil, false, classify(s.ref, err)
	}
	rc, err := l.Compressed()
	if err != nil {
		return nil, false, classify(s.ref, err)
	}
	return rc, true, nil
}

// openRemote resolves a registry reference.
func openRemote(ctx context.Context, ref, s string, want v1.Platform, opts Options) (*Image, error) {
	var nameOpts []name.Option
	if opts.Insecure {
		nameOpts = append(nameOpts, name.Insecure)
	}
	r, err := name.ParseReference(s, nameOpts...)
	if err != nil {
		return nil, inputErr(ref, "not a file, an OCI layout or an image reference", err,
			"give a path, or a reference like registry.example.com/team/app:1.2 or …@sha256:…")
	}
	base := opts.Transport
	if base == nil {
		base = http.DefaultTransport.(*http.Transport).Clone()
	}
	auth := remote.WithAuthFromKeychain(authn.DefaultKeychain)
	if opts.Username != "" || opts.Password != "" {
		auth = remote.WithAuth(authn.FromConfig(authn.AuthConfig{Username: opts.Username, Password: opts.Password}))
	}
	puller, err := remote.NewPuller(
		remote.WithTransport(&stallTransport{next: base, wait: opts.Timeout}),
		auth,
		remote.WithUserAgent("vouch"),
	)
	if err != nil {
		return nil, inputErr(ref, "cannot set up a registry client", err, "")
	}
	st := &remoteStore{ref: ref, repo: r.Context(), puller: puller}
	desc, err := puller.Get(ctx, r)
	if err != nil {
		return nil, classify(ref, err)
	}
	var (
		md v1.Descriptor
		mb []byte
	)
	switch mt := desc.MediaType; {
	case mt.IsIndex():
		idx, err := v1.ParseIndexManifest(bytes.NewReader(desc.Manifest))
		if err != nil {
			return nil, inputErr(ref, "broken image index", err, "")
		}
		if md, err = chooseManifest(ctx, st, idx, want); err != nil {
			return nil, wrapRemote(ref, err)
		}
		if mb, err = st.manifest(ctx, md); err != nil {
			return nil, wrapRemote(ref, err)
		}
	case mt.IsImage():
		md, mb = desc.Descriptor, desc.Manifest
	case mt.IsSchema1():
		return nil, inputErr(ref, "a Docker schema 1 manifest, which vouch does not read", nil,
			"push the image again with a current docker or crane to get a schema 2 manifest")
	default:
		return nil, wrapRemote(ref, fmt.Errorf("%w: manifest media type %q", errNotImage, mt))
	}
	im, err := loadImage(ctx, st, md, mb)
	if err != nil {
		return nil, wrapRemote(ref, err)
	}
	im.Source = SourceRegistry
	im.Resolved = r.Context().Digest(md.Digest.String()).String()
	return im, nil
}

func wrapRemote(ref string, err error) error {
	var ie *vouch.InputError
	if errors.As(err, &ie) {
		return err
	}
	return wrapLocal(ref, err)
}

// classify turns a registry client error into an input error that says
// what went wrong in words a user acts on.
func classify(ref string, err error) error {
	var (
		terr   *transport.Error
		ie     *vouch.InputError
		uaErr  x509.UnknownAuthorityError
		hostEr x509.HostnameError
		recErr tls.RecordHeaderError
		dnsErr *net.DNSError
		opErr  *net.OpError
		netErr net.Error
	)
	switch {
	case errors.As(err, &ie):
		return err
	case errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &terr):
		switch code := diagnosticCode(terr); {
		case terr.StatusCode == http.StatusUnauthorized || code == transport.UnauthorizedErrorCode:
			return inputErr(ref, "authentication required", err,
				"log in with docker login, or pass --username and --password")
		case terr.StatusCode == http.StatusForbidden || code == transport.DeniedErrorCode:
			return inputErr(ref, "access denied", err, "the credentials in use may not pull this repository")
		case terr.StatusCode == http.StatusNotFound || code == transport.ManifestUnknownErrorCode ||
			code == transport.NameUnknownErrorCode || code == transport.BlobUnknownErrorCode:
			return inputErr(ref, "not found", err, "check the repository name and the tag or digest")
		case terr.StatusCode == http.StatusTooManyRequests || code == transport.TooManyRequestsErrorCode:
			return inputErr(ref, "rate limited by the registry", err, "log in to raise the limit, or retry later")
		}
		return inputErr(ref, "registry error", err, "")
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return inputErr(ref, "timed out", err, "check the network, or raise --timeout")
	case errors.As(err, &uaErr) || errors.As(err, &hostEr) || errors.As(err, &recErr) ||
		strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return inputErr(ref, "TLS failed", err, "for a registry over plain http, pass --insecure")
	case errors.As(err, &dnsErr) || errors.As(err, &opErr):
		return inputErr(ref, "cannot reach the registry", err, "check the registry name and the network")
	}
	return inputErr(ref, "cannot read from the registry", err, "")
}

func diagnosticCode(e *transport.Error) transport.ErrorCode {
	if len(e.Errors) > 0 {
		return e.Errors[0].Code
	}
	return ""
}

// stallTransport fails a request when the server stays silent for wait:
// before its response headers arrive, or between two reads of the body.
// Unlike a deadline on the whole request, it lets a large layer take as
// long as it needs while it keeps moving.
type stallTransport struct {
	next http.RoundTripper
	wait time.Duration
}

// stallError is a request that made no progress for too long.
type stallError struct{ wait time.Duration }

func (e *stallError) Error() string   { return fmt.Sprintf("no response for %s", e.wait) }
func (e *stallError) Timeout() bool   { return true }
func (e *stallError) Temporary() bool { return false }
func (e *stallError) Unwrap() error   { return context.DeadlineExceeded }

func (t *stallTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	stall := &stallError{wait: t.wait}
	timer := time.AfterFunc(t.wait, func() { cancel(stall) })
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		timer.Stop()
		if context.Cause(ctx) == stall {
			err = fmt.Errorf("%s %s: %w", req.Method, req.URL.Redacted(), stall)
		}
		cancel(nil)
		return nil, err
	}
	timer.Reset(t.wait)
	resp.Body = &stallBody{rc: resp.Body, ctx: ctx, cancel: cancel, timer: timer, wait: t.wait, stall: stall}
	return resp, nil
}

type stallBody struct {
	rc     io.ReadCloser
	ctx    context.Context
	cancel context.CancelCauseFunc
	timer  *time.Timer
	wait   time.Duration
	stall  *stallError
	once   sync.Once
}

func (b *stallBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if n > 0 {
		b.timer.Reset(b.wait)
	}
	if err != nil && err != io.EOF && context.Cause(b.ctx) == b.stall {
		err = b.stall
	}
	return n, err
}

func (b *stallBody) Close() error {
	b.once.Do(func() {
		b.timer.Stop()
		b.cancel(nil)
	})
	return b.rc.Close()
}
