package signing

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// A key reference names a key wherever a command takes one (--key):
//
//	vouch.key, ./keys/release.pub   a file
//	env://VOUCH_SIGNING_KEY         PEM text in an environment variable
//	SCHEME://…                      a registered Provider (a remote signer)
//
// Private key material never appears in an error: errors name the
// reference, never what it holds.

// Provider opens keys that live behind a URL scheme, such as a Vault
// transit engine or a cloud KMS. A remote signer registers itself with
// RegisterProvider and every command that takes --key can use it.
type Provider interface {
	Signer(ctx context.Context, ref string) (Signer, error)
	Verifier(ctx context.Context, ref string) (Verifier, error)
}

var (
	providersMu sync.RWMutex
	providers   = map[string]Provider{}
)

// RegisterProvider makes scheme:// references open through p.
func RegisterProvider(scheme string, p Provider) {
	providersMu.Lock()
	defer providersMu.Unlock()
	providers[scheme] = p
}

// LoadOptions says where a key reference may look.
type LoadOptions struct {
	// Password returns an encrypted private key's password.
	Password PasswordFunc
	// Getenv reads env:// references; os.Getenv when nil.
	Getenv func(string) string
}

// ErrKeyRef marks a key reference that names nothing usable; the message
// says why.
var ErrKeyRef = errors.New("key reference")

// LoadSigner opens the private key ref names.
func LoadSigner(ctx context.Context, ref string, opts LoadOptions) (Signer, error) {
	if p, rest, ok := provider(ref); ok {
		s, err := p.Signer(ctx, rest)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", ref, err)
		}
		return s, nil
	}
	b, err := readRef(ref, opts)
	if err != nil {
		return nil, err
	}
	defer clear(b)
	priv, err := ParsePrivateKey(b, opts.Password)
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", ref, err)
	}
	s, err := NewSigner(priv)
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", ref, err)
	}
	return s, nil
}

// LoadVerifier opens the public key ref names.
func LoadVerifier(ctx context.Context, ref string, opts LoadOptions) (Verifier, error) {
	if p, rest, ok := provider(ref); ok {
		v, err := p.Verifier(ctx, rest)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", ref, err)
		}
		return v, nil
	}
	b, err := readRef(ref, opts)
	if err != nil {
		return nil, err
	}
	pub, err := ParsePublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", ref, err)
	}
	v, err := NewVerifier(pub)
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", ref, err)
	}
	return v, nil
}

// provider finds the registered Provider of a scheme:// reference.
func provider(ref string) (Provider, string, bool) {
	scheme, _, ok := strings.Cut(ref, "://")
	if !ok || scheme == "env" || scheme == "file" {
		return nil, "", false
	}
	providersMu.RLock()
	p := providers[scheme]
	providersMu.RUnlock()
	return p, ref, p != nil
}

// readRef returns the PEM text a file or env:// reference holds.
func readRef(ref string, opts LoadOptions) ([]byte, error) {
	if ref == "" {
		return nil, fmt.Errorf("%w: empty", ErrKeyRef)
	}
	if name, ok := strings.CutPrefix(ref, "env://"); ok {
		if name == "" {
			return nil, fmt.Errorf("%w %s: no variable named", ErrKeyRef, ref)
		}
		getenv := opts.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		v := getenv(name)
		if v == "" {
			return nil, fmt.Errorf("%w %s: the variable is not set", ErrKeyRef, ref)
		}
		if len(v) > MaxKeyFileSize {
			return nil, fmt.Errorf("%w %s: longer than %d bytes", ErrKeyRef, ref, MaxKeyFileSize)
		}
		return []byte(v), nil
	}
	if scheme, _, ok := strings.Cut(ref, "://"); ok && scheme != "file" {
		return nil, fmt.Errorf("%w %s: no signer for scheme %q in this build (want a file or env://VAR)", ErrKeyRef, ref, scheme)
	}
	path := strings.TrimPrefix(ref, "file://")
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%w %s: %w", ErrKeyRef, ref, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrKeyRef, ref, err)
	}
	if len(b) > MaxKeyFileSize {
		clear(b)
		return nil, fmt.Errorf("%w %s: longer than %d bytes; not a key file", ErrKeyRef, ref, MaxKeyFileSize)
	}
	return b, nil
}
