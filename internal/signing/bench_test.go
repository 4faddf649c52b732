package signing

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"testing"
)

// BenchmarkVerifyBlob is one 'vouch verify FILE --bundle B' minus the
// file system: parse the bundle JSON, hash a 4 KiB blob, compare digests,
// check the signature with a key loaded once. Run with -cpu 1 and read
// verifications per second from the verifs/s metric.
func BenchmarkVerifyBlob(b *testing.B) {
	ctx := context.Background()
	blob := bytes.Repeat([]byte("vouch!\n"), 4096/7)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	for _, tc := range []struct {
		name string
		s    Signer
		v    Verifier
	}{
		{"ecdsa-p256", must(NewSigner(p256)), must(NewVerifier(&p256.PublicKey))},
		{"ed25519", must(NewSigner(ed)), must(NewVerifier(ed.Public()))},
	} {
		bundle, err := SignBlob(ctx, tc.s, bytes.NewReader(blob))
		if err != nil {
			b.Fatal(err)
		}
		raw, _ := bundle.Marshal()
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bb, err := ParseBundle(raw)
				if err != nil {
					b.Fatal(err)
				}
				if err := VerifyBlob(ctx, tc.v, bytes.NewReader(blob), bb); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verifs/s")
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// BenchmarkECDSAVerifyFloor is the bare P-256 signature check that
// BenchmarkVerifyBlob/ecdsa-p256 cannot go below: the rest is vouch's.
func BenchmarkECDSAVerifyFloor(b *testing.B) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	d := make([]byte, 32)
	sig, _ := ecdsa.SignASN1(rand.Reader, k, d)
	for b.Loop() {
		if !ecdsa.VerifyASN1(&k.PublicKey, d, sig) {
			b.Fatal("no")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verifs/s")
}
