// Package signing holds vouch's keys and signatures: key files that cosign
// can read and that vouch reads from cosign, key references, the Signer
// and Verifier interfaces, Sigstore bundles, and the places in a registry
// where signatures live.
//
// # Keys
//
// GenerateKey makes an ECDSA P-256 pair (Ed25519 on request). The private
// key is PKCS #8 sealed with scrypt (N=65536, r=8, p=1) and NaCl secretbox
// in a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY"; the public key is a PKIX
// "PUBLIC KEY" block. ParsePrivateKey also reads cosign's older
// "ENCRYPTED COSIGN PRIVATE KEY" and unencrypted PKCS #8, SEC 1 and
// PKCS #1 keys. Unknown scrypt parameters are refused before any work is
// done, so a tampered file cannot make decryption take hours.
//
// # Key references
//
// Commands name keys by reference: a path, "env://VAR" (the PEM text in
// an environment variable, the way CI systems hand out secrets), or
// "scheme://…" for a Provider registered with RegisterProvider — the hook
// a remote signer (Vault transit, a cloud KMS) implements without any
// caller changing. LoadSigner and LoadVerifier open them. Private key
// material never appears in an error or a log: errors name the reference.
//
// # Signatures
//
// A Signer signs a message as its algorithm says: ECDSA and RSA sign the
// message's digest (SHA-256 for P-256), Ed25519 the message itself (pure
// Ed25519, as cosign signs when it does not upload to a transparency log).
// Verifiers accept pure Ed25519 and Ed25519ph.
//
// SignBlob returns a Sigstore bundle v0.3 holding a message signature and
// the blob's digest; VerifyBlob checks one, comparing digests in constant
// time. VerifyBlobSignature checks a legacy detached signature (base64).
// Bundles are read in their proto3 JSON form by ParseBundle, which accepts
// v0.1 to v0.3 and what cosign writes.
//
// # Registries
//
// Registry stores and fetches what is attached to an image, always by
// digest (Resolve turns a tag into a digest once): signatures in the
// "sha256-<hex>.sig" tag, attestations in "sha256-<hex>.att", and
// Sigstore bundles as OCI 1.1 referrers where the registry serves the
// referrers API — every place cosign looks. Every blob read is checked
// against its digest.
package signing
