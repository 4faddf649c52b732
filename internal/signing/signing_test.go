package signing

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secure-systems-lab/go-securesystemslib/encrypted"
)

// testKeys are one key of every algorithm vouch signs with.
func testKeys(t testing.TB) map[string]crypto.Signer {
	t.Helper()
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	r, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]crypto.Signer{"p256": p256, "p384": p384, "ed25519": ed, "rsa": r}
}

func pw(s string) PasswordFunc {
	return func(bool) ([]byte, error) { return []byte(s), nil }
}

func TestGenerateKeyRoundTrip(t *testing.T) {
	for _, alg := range []Algorithm{ECDSAP256, Ed25519} {
		t.Run(string(alg), func(t *testing.T) {
			if alg == Ed25519 {
				defer func(old encrypted.KDFParameterStrength) { kdfStrength = old }(kdfStrength)
				kdfStrength = encrypted.Legacy
			}
			priv, pub, err := GenerateKey(alg, []byte("correct horse"))
			if err != nil {
				t.Fatal(err)
			}
			if alg == ECDSAP256 {
				// The file asks for scrypt N=65536, r=8, p=1, as cosign writes.
				b, _ := pem.Decode(priv)
				var box struct {
					KDF struct {
						Name   string
						Params struct{ N, R, P int }
					}
					Cipher struct{ Name string }
				}
				if err := json.Unmarshal(b.Bytes, &box); err != nil {
					t.Fatal(err)
				}
				if box.KDF.Name != "scrypt" || box.KDF.Params.N != 65536 || box.KDF.Params.R != 8 || box.KDF.Params.P != 1 || box.Cipher.Name != "nacl/secretbox" {
					t.Fatalf("key file sealed with %+v", box)
				}
			}
			if b, _ := pem.Decode(priv); b == nil || b.Type != SigstorePrivateKeyType {
				t.Fatalf("private key PEM type: %v", b)
			}
			if !bytes.Contains(priv, []byte("ENCRYPTED SIGSTORE PRIVATE KEY")) || bytes.Contains(priv, []byte("BEGIN PRIVATE KEY")) {
				t.Fatal("private key is not written encrypted")
			}
			s, err := ParsePrivateKey(priv, pw("correct horse"))
			if err != nil {
				t.Fatal(err)
			}
			pk, err := ParsePublicKey(pub)
			if err != nil {
				t.Fatal(err)
			}
			if KeyHint(pk) != KeyHint(s.Public()) {
				t.Fatal("public key file does not match the private key")
			}
			if alg == ECDSAP256 { // scrypt is slow on purpose: try once
				if _, err := ParsePrivateKey(priv, pw("wrong")); !errors.Is(err, ErrWrongPassword) {
					t.Fatalf("wrong password: got %v", err)
				}
			}
			if _, err := ParsePrivateKey(priv, nil); !errors.Is(err, ErrNeedPassword) {
				t.Fatalf("no password: got %v", err)
			}
		})
	}
	if _, _, err := GenerateKey("rsa-1024", nil); err == nil {
		t.Fatal("unknown algorithm accepted")
	}
}

// TestCosignKeyFiles reads key pairs written by the real cosign
// (cosign generate-key-pair, v3.1.3; see testdata/README.md).
func TestCosignKeyFiles(t *testing.T) {
	for _, name := range []string{"cosign", "cosign-ed25519"} {
		t.Run(name, func(t *testing.T) {
			priv, err := os.ReadFile(filepath.Join("testdata", name+".key"))
			if err != nil {
				t.Skip("fixture not present:", err)
			}
			pub, err := os.ReadFile(filepath.Join("testdata", name+".pub"))
			if err != nil {
				t.Fatal(err)
			}
			s, err := ParsePrivateKey(priv, pw("vouch-test"))
			if err != nil {
				t.Fatal(err)
			}
			pk, err := ParsePublicKey(pub)
			if err != nil {
				t.Fatal(err)
			}
			if Fingerprint(pk) != Fingerprint(s.Public()) {
				t.Fatal("cosign.pub does not match cosign.key")
			}
		})
	}
	// cosign before v2.0 wrote the same sealed box under another name.
	priv, err := os.ReadFile(filepath.Join("testdata", "cosign.key"))
	if err != nil {
		t.Skip("fixture not present")
	}
	old := bytes.ReplaceAll(priv, []byte("SIGSTORE"), []byte("COSIGN"))
	if !bytes.Contains(old, []byte("BEGIN ENCRYPTED COSIGN PRIVATE KEY")) {
		t.Fatal("fixture changed")
	}
	if _, err := ParsePrivateKey(old, pw("vouch-test")); err != nil {
		t.Fatalf("ENCRYPTED COSIGN PRIVATE KEY: %v", err)
	}
}

func TestParsePrivateKeyRejects(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	pub, err := MarshalPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	weak, _ := rsa.GenerateKey(rand.Reader, 1024)
	weakDER, _ := x509.MarshalPKCS8PrivateKey(weak)
	weakPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: weakDER})
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "not a PEM"},
		{"public key", string(pub), "this is a public key"},
		{"unknown block", "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", "unsupported PEM block"},
		{"garbage sealed", "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n", "decrypt private key"},
		{"weak rsa", string(weakPEM), "too weak"},
		{"two blocks", string(weakPEM) + string(weakPEM), "more than one PEM block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePrivateKey([]byte(tt.in), pw("x"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want error containing %q", err, tt.want)
			}
		})
	}
}

// TestScryptParamsBounded: a key file that asks for enormous scrypt work
// is refused before any of it is done.
func TestScryptParamsBounded(t *testing.T) {
	body := `{"kdf":{"name":"scrypt","params":{"N":1073741824,"r":8,"p":1},"salt":"AAAA"},"cipher":{"name":"nacl/secretbox","nonce":"AAAA"},"ciphertext":"AAAA"}`
	p := pem.EncodeToMemory(&pem.Block{Type: SigstorePrivateKeyType, Bytes: []byte(body)})
	_, err := ParsePrivateKey(p, pw("x"))
	if err == nil || !strings.Contains(err.Error(), "unsupported scrypt parameters") {
		t.Fatalf("got %v", err)
	}
}

// TestSecretsNeverInErrors: no error about a private key quotes it.
func TestSecretsNeverInErrors(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	secret := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	body := string(secret)
	// Corrupt the key in the middle so that parsing fails.
	mangled := strings.Replace(body, body[40:60], strings.Repeat("A", 20), 1)
	inner := strings.Join(strings.Split(body, "\n")[1:3], "")
	for _, in := range []string{mangled, "-----BEGIN EC PRIVATE KEY-----\n" + inner + "\n-----END EC PRIVATE KEY-----\n"} {
		_, err := ParsePrivateKey([]byte(in), nil)
		if err == nil {
			continue
		}
		if strings.Contains(err.Error(), inner[:16]) {
			t.Fatalf("error quotes key material: %v", err)
		}
	}
	// Through a reference, too.
	t.Setenv("VOUCH_TEST_KEY", mangled)
	_, err := LoadSigner(context.Background(), "env://VOUCH_TEST_KEY", LoadOptions{})
	if err == nil || strings.Contains(err.Error(), inner[:16]) || !strings.Contains(err.Error(), "env://VOUCH_TEST_KEY") {
		t.Fatalf("error %v: want it to name the reference and not the key", err)
	}
}

func TestSignVerifyMessage(t *testing.T) {
	ctx := context.Background()
	msg := []byte("DSSEv1 28 application/vnd.in-toto+json 2 {}")
	for name, k := range testKeys(t) {
		t.Run(name, func(t *testing.T) {
			s, err := NewSigner(k)
			if err != nil {
				t.Fatal(err)
			}
			v, err := NewVerifier(k.Public())
			if err != nil {
				t.Fatal(err)
			}
			sig, err := s.SignMessage(ctx, msg)
			if err != nil {
				t.Fatal(err)
			}
			if err := v.VerifyMessage(msg, sig); err != nil {
				t.Fatal(err)
			}
			bad := bytes.Clone(msg)
			bad[3] ^= 1
			if err := v.VerifyMessage(bad, sig); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("changed message: %v", err)
			}
			sig[len(sig)/2] ^= 1
			if err := v.VerifyMessage(msg, sig); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("changed signature: %v", err)
			}
		})
	}
}

// TestEd25519ph: cosign signs with Ed25519ph when it uploads to a log;
// such signatures verify too.
func TestEd25519ph(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	msg := []byte("hello")
	d := crypto.SHA512.New()
	d.Write(msg)
	sig, err := priv.Sign(rand.Reader, d.Sum(nil), &ed25519.Options{Hash: crypto.SHA512})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := NewVerifier(pub)
	if err := v.VerifyMessage(msg, sig); err != nil {
		t.Fatal(err)
	}
	if err := v.VerifyMessage([]byte("hellO"), sig); err == nil {
		t.Fatal("changed message verified")
	}
}

func TestKeyRefs(t *testing.T) {
	ctx := context.Background()
	// Unencrypted PKCS #8, so that scrypt does not dominate the test;
	// encrypted files go through the same reader (TestGenerateKeyRoundTrip).
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	priv := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	pub, err := MarshalPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "k.key"), priv, 0o600)
	os.WriteFile(filepath.Join(dir, "k.pub"), pub, 0o644)
	env := map[string]string{"PRIV": string(priv), "PUB": string(pub)}
	opts := LoadOptions{Password: pw("pw"), Getenv: func(k string) string { return env[k] }}

	for _, ref := range []string{filepath.Join(dir, "k.key"), "env://PRIV", "file://" + filepath.Join(dir, "k.key")} {
		s, err := LoadSigner(ctx, ref, opts)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		for _, vref := range []string{filepath.Join(dir, "k.pub"), "env://PUB"} {
			v, err := LoadVerifier(ctx, vref, opts)
			if err != nil {
				t.Fatalf("%s: %v", vref, err)
			}
			sig, _ := s.SignMessage(ctx, []byte("m"))
			if err := v.VerifyMessage([]byte("m"), sig); err != nil {
				t.Fatalf("%s/%s: %v", ref, vref, err)
			}
		}
	}
	bad := []struct{ ref, want string }{
		{"", "empty"},
		{"env://", "no variable"},
		{"env://NOPE", "not set"},
		{filepath.Join(dir, "missing.key"), "no such file"},
		{"awskms://alias/x", "no signer for scheme \"awskms\""},
	}
	for _, b := range bad {
		_, err := LoadSigner(ctx, b.ref, opts)
		if err == nil || !strings.Contains(err.Error(), b.want) || !errors.Is(err, ErrKeyRef) {
			t.Errorf("%q: got %v, want %q", b.ref, err, b.want)
		}
	}
	if _, err := LoadVerifier(ctx, "env://PRIV", opts); err == nil || !strings.Contains(err.Error(), "private key") {
		t.Errorf("verifier from a private key: %v", err)
	}
}

// TestProvider: a remote signer registered for a scheme serves every
// caller through the same functions.
func TestProvider(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	RegisterProvider("testkms", fakeKMS{k})
	s, err := LoadSigner(context.Background(), "testkms://keys/a", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := LoadVerifier(context.Background(), "testkms://keys/a", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := SignBlob(context.Background(), s, strings.NewReader("artifact"))
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyBlob(context.Background(), v, strings.NewReader("artifact"), b); err != nil {
		t.Fatal(err)
	}
}

// fakeKMS stands in for a remote signer: it only ever signs digests and
// never hands out its key.
type fakeKMS struct{ k *ecdsa.PrivateKey }

func (f fakeKMS) Signer(context.Context, string) (Signer, error) { return kmsSigner(f), nil }
func (f fakeKMS) Verifier(context.Context, string) (Verifier, error) {
	return NewVerifier(&f.k.PublicKey)
}

type kmsSigner fakeKMS

func (s kmsSigner) PublicKey() crypto.PublicKey { return &s.k.PublicKey }
func (s kmsSigner) SignMessage(ctx context.Context, m []byte) ([]byte, error) {
	h := crypto.SHA256.New()
	h.Write(m)
	return s.SignDigest(ctx, crypto.SHA256, h.Sum(nil))
}
func (s kmsSigner) SignDigest(_ context.Context, _ crypto.Hash, d []byte) ([]byte, error) {
	return ecdsa.SignASN1(rand.Reader, s.k, d)
}
