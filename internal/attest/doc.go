// Package attest turns results into evidence and checks evidence: in-toto
// statements, their predicates, and the DSSE envelopes that sign them.
//
// Every result vouch produces about an artifact — a scan, an SBOM, build
// provenance, a desired-state manifest — becomes a Statement (in-toto
// Statement v1) whose subject is the artifact's digest. Sign wraps it in a
// DSSE envelope signed by a signing.Signer and carries it in a Sigstore
// bundle v0.3, the form cosign writes and reads:
//
//	bundleJSON, err := attest.SignStatement(ctx, signer, "app.tar", digest,
//		attest.VouchScan, result)
//
// Verification goes the other way. VerifyAttestation checks the envelope's
// signature against trusted keys, parses the statement (v1, or the v0.1
// that cosign still writes), checks that the artifact's digest is one of
// its subjects and, when asked, the predicate type. VerifyFile and
// VerifyImage gather everything known about one artifact — signatures
// over it and attestations about it, from files or from a registry — into
// an Evidence, listing what was rejected and why; policy reads Evidence,
// never the raw files.
//
// vouch's own predicate types (VouchScan, VouchDesiredState) have JSON
// schemas in schemas/; Sign refuses, and verification rejects, a
// predicate of those types that does not match.
package attest
