package drift

import "testing"

// FuzzDecodeManifest: a desired-state manifest is read from a bundle
// anyone could have written (the signature is checked first, but a
// trusted signer's bug must not crash a verifier either).
func FuzzDecodeManifest(f *testing.F) {
	f.Add([]byte(`{"root":"etc","createdAt":"2024-01-01T00:00:00Z","files":[{"path":"a","type":"file","mode":"0644","size":1,"sha256":"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"},{"path":"b","type":"symlink","mode":"0777","target":"a"}]}`))
	f.Add([]byte(`{"root":"","createdAt":"2024-01-01T00:00:00Z","files":[{"path":"../x","type":"dir","mode":"0755"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeManifest(data)
		if err != nil {
			return
		}
		for i, e := range m.Files {
			if e.check() != nil || (i > 0 && m.Files[i-1].Path >= e.Path) {
				t.Fatalf("accepted a bad entry %+v", e)
			}
		}
		_ = TreeDigest(m.Files)
	})
}
