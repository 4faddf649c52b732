package signing

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/secure-systems-lab/go-securesystemslib/encrypted"
)

// PEM block types of key files. vouch writes SigstorePrivateKeyType and
// PublicKeyType, as cosign does; it reads all of them.
const (
	SigstorePrivateKeyType = "ENCRYPTED SIGSTORE PRIVATE KEY"
	CosignPrivateKeyType   = "ENCRYPTED COSIGN PRIVATE KEY" // cosign before v2.0
	PublicKeyType          = "PUBLIC KEY"
	pkcs8PrivateKeyType    = "PRIVATE KEY"
	ecPrivateKeyType       = "EC PRIVATE KEY"
	rsaPrivateKeyType      = "RSA PRIVATE KEY"
)

// MaxKeyFileSize caps how much of a key file is read.
const MaxKeyFileSize = 64 << 10

// Algorithm names a kind of key pair GenerateKey can make.
type Algorithm string

const (
	ECDSAP256 Algorithm = "ecdsa-p256" // the default, as in cosign
	Ed25519   Algorithm = "ed25519"
)

// kdfStrength is scrypt's cost for new key files: N=65536, as cosign
// writes. Tests lower it (to cosign's legacy N=32768) where they only need
// a key file, not its cost.
var kdfStrength = encrypted.Standard

// ErrNeedPassword is returned when an encrypted private key is read
// without a way to ask for its password.
var ErrNeedPassword = errors.New("the private key is encrypted and no password was given")

// ErrWrongPassword is returned when an encrypted private key does not
// open with the password given. The file may also have been altered: the
// cipher cannot tell the two apart.
var ErrWrongPassword = errors.New("wrong password for the private key (or the key file was altered)")

// PasswordFunc returns the password of an encrypted private key. confirm
// asks for it twice, when a new key is written.
type PasswordFunc func(confirm bool) ([]byte, error)

// GenerateKey makes a new key pair and returns it encoded as cosign does:
// the private key as PKCS #8, encrypted with scrypt (N=65536, r=8, p=1)
// and NaCl secretbox, in a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY", and
// the public key as PKIX in a PEM block "PUBLIC KEY".
func GenerateKey(alg Algorithm, password []byte) (privatePEM, publicPEM []byte, err error) {
	var priv crypto.Signer
	switch alg {
	case ECDSAP256, "":
		priv, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case Ed25519:
		_, priv, err = ed25519.GenerateKey(rand.Reader)
	default:
		return nil, nil, fmt.Errorf("key algorithm %q: want %s or %s", alg, ECDSAP256, Ed25519)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("generate %s key: %w", alg, err)
	}
	privatePEM, err = EncryptPrivateKey(priv, password)
	if err != nil {
		return nil, nil, err
	}
	publicPEM, err = MarshalPublicKey(priv.Public())
	if err != nil {
		return nil, nil, err
	}
	return privatePEM, publicPEM, nil
}

// EncryptPrivateKey encodes priv as an "ENCRYPTED SIGSTORE PRIVATE KEY"
// PEM block under password.
func EncryptPrivateKey(priv crypto.PrivateKey, password []byte) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("encode private key: %w", err)
	}
	defer clear(der)
	box, err := encrypted.EncryptWithCustomKDFParameters(der, password, kdfStrength)
	if err != nil {
		return nil, fmt.Errorf("encrypt private key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: SigstorePrivateKeyType, Bytes: box}), nil
}

// MarshalPublicKey encodes pub as a PKIX "PUBLIC KEY" PEM block.
func MarshalPublicKey(pub crypto.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: PublicKeyType, Bytes: der}), nil
}

// ParsePrivateKey reads a private key file: cosign's and vouch's
// encrypted form ("ENCRYPTED SIGSTORE PRIVATE KEY", and the older
// "ENCRYPTED COSIGN PRIVATE KEY"), or an unencrypted PKCS #8, SEC 1 (EC)
// or PKCS #1 (RSA) key. password is called only for an encrypted key.
//
// Errors never quote the file: it holds secret material.
func ParsePrivateKey(pemBytes []byte, password PasswordFunc) (crypto.Signer, error) {
	block, rest := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("not a PEM private key")
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		if next, _ := pem.Decode(rest); next != nil {
			return nil, errors.New("more than one PEM block; give one private key")
		}
	}
	var (
		key any
		err error
	)
	switch block.Type {
	case SigstorePrivateKeyType, CosignPrivateKeyType:
		if password == nil {
			return nil, ErrNeedPassword
		}
		pw, perr := password(false)
		if perr != nil {
			return nil, perr
		}
		der, derr := encrypted.Decrypt(block.Bytes, pw)
		clear(pw)
		if derr != nil {
			if isWrongPassword(derr) {
				return nil, ErrWrongPassword
			}
			return nil, fmt.Errorf("decrypt private key: %w", derr)
		}
		key, err = x509.ParsePKCS8PrivateKey(der)
		clear(der)
	case pkcs8PrivateKeyType:
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case ecPrivateKeyType:
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case rsaPrivateKeyType:
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case PublicKeyType:
		return nil, errors.New("this is a public key; signing needs the private key")
	default:
		return nil, fmt.Errorf("unsupported PEM block %q (want %q)", block.Type, SigstorePrivateKeyType)
	}
	if err != nil {
		// x509's messages name the structure, never its content.
		return nil, fmt.Errorf("parse private key: %w", err)
	}
	s, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("unsupported private key type %T", key)
	}
	if _, err := schemeOf(s.Public()); err != nil {
		return nil, err
	}
	return s, nil
}

// isWrongPassword tells a failed decryption from a malformed file.
func isWrongPassword(err error) bool {
	return err != nil && err.Error() == "encrypted: decryption failed"
}

// ParsePublicKey reads a PKIX "PUBLIC KEY" PEM block (cosign.pub,
// vouch.pub). An X.509 certificate is accepted too: its key is used.
func ParsePublicKey(pemBytes []byte) (crypto.PublicKey, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("not a PEM public key")
	}
	var pub crypto.PublicKey
	switch block.Type {
	case PublicKeyType:
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse public key: %w", err)
		}
		pub = k
	case "CERTIFICATE":
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse certificate: %w", err)
		}
		pub = c.PublicKey
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse public key: %w", err)
		}
		pub = k
	case SigstorePrivateKeyType, CosignPrivateKeyType, pkcs8PrivateKeyType, ecPrivateKeyType, rsaPrivateKeyType:
		return nil, errors.New("this is a private key; verification needs the public key (vouch key public)")
	default:
		return nil, fmt.Errorf("unsupported PEM block %q (want %q)", block.Type, PublicKeyType)
	}
	if _, err := schemeOf(pub); err != nil {
		return nil, err
	}
	return pub, nil
}

// KeyHint is the Sigstore bundle's public key hint: the base64 SHA-256 of
// the key's PKIX encoding. It names a key; it does not vouch for one.
func KeyHint(pub crypto.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(der)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// Fingerprint names a public key for people: "SHA256:" and the unpadded
// base64 SHA-256 of its PKIX encoding, as ssh-keygen prints keys.
func Fingerprint(pub crypto.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "unknown key"
	}
	sum := sha256.Sum256(der)
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

// scheme is how a key signs: which hash digests a message, and whether
// the signature is over the digest (ECDSA, RSA) or the message (Ed25519).
type scheme struct {
	hash crypto.Hash
	name string
	pure bool // Ed25519: signs the message itself
}

// schemeOf returns the signing scheme of a public key, refusing weak or
// unknown keys.
func schemeOf(pub crypto.PublicKey) (scheme, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return scheme{hash: crypto.SHA256, name: "ecdsa-p256-sha256"}, nil
		case elliptic.P384():
			return scheme{hash: crypto.SHA384, name: "ecdsa-p384-sha384"}, nil
		case elliptic.P521():
			return scheme{hash: crypto.SHA512, name: "ecdsa-p521-sha512"}, nil
		}
		return scheme{}, errors.New("unsupported elliptic curve (want P-256, P-384 or P-521)")
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return scheme{}, errors.New("malformed Ed25519 public key")
		}
		return scheme{hash: crypto.SHA512, name: "ed25519", pure: true}, nil
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return scheme{}, fmt.Errorf("RSA key of %d bits is too weak (want 2048 or more)", k.N.BitLen())
		}
		return scheme{hash: crypto.SHA256, name: "rsa-pkcs1v15-sha256"}, nil
	}
	return scheme{}, fmt.Errorf("unsupported public key type %T (want ECDSA, Ed25519 or RSA)", pub)
}
