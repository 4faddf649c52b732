package drift

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/attest/schematest"
	"github.com/vouch-dev/vouch/internal/signing"
)

func keys(t testing.TB) (signing.Signer, signing.Verifier) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	s, _ := signing.NewSigner(k)
	v, _ := signing.NewVerifier(&k.PublicKey)
	return s, v
}

// tree makes a small tree with a file of every kind.
func tree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	w := func(p, content string, mode os.FileMode) {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(full, mode)
	}
	w("app.conf", "listen 80\n", 0o644)
	w("secret.key", "k", 0o600)
	w("conf.d/a.conf", "a\n", 0o644)
	w("conf.d/b.conf", "b\n", 0o644)
	w("bin/tool", "#!/bin/sh\n", 0o755)
	w("cache/x.tmp", "tmp", 0o644)
	os.Symlink("../app.conf", filepath.Join(root, "conf.d/current"))
	os.Symlink("/etc/passwd", filepath.Join(root, "escape")) // never followed
	os.Mkdir(filepath.Join(root, "empty"), 0o700)
	if err := syscall.Mkfifo(filepath.Join(root, "pipe"), 0o600); err != nil {
		t.Log("no fifo:", err)
	}
	return root
}

func signed(t *testing.T, root string, exclude []string) (*bytes.Buffer, signing.Verifier) {
	t.Helper()
	s, v := keys(t)
	m, err := Make(context.Background(), root, exclude, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Sign(context.Background(), s, m)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := b.Marshal()
	return bytes.NewBuffer(raw), v
}

func TestManifestRecordsTree(t *testing.T) {
	root := tree(t)
	m, err := Make(context.Background(), root, []string{"*.tmp"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Entry{}
	var paths []string
	for _, e := range m.Files {
		got[e.Path] = e
		paths = append(paths, e.Path)
	}
	if !sort.StringsAreSorted(paths) {
		t.Fatalf("not sorted: %v", paths)
	}
	if _, ok := got["cache/x.tmp"]; ok {
		t.Fatal("excluded file recorded")
	}
	if e := got["secret.key"]; e.Type != TypeFile || e.Mode != "0600" || *e.Size != 1 || e.SHA256 != "8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a" {
		t.Fatalf("secret.key %+v", e)
	}
	if e := got["escape"]; e.Type != TypeSymlink || e.Target != "/etc/passwd" || e.SHA256 != "" || e.Size != nil {
		t.Fatalf("escape %+v", e)
	}
	if e := got["conf.d/current"]; e.Target != "../app.conf" {
		t.Fatalf("link %+v", e)
	}
	if e := got["empty"]; e.Type != TypeDir || e.Mode != "0700" {
		t.Fatalf("dir %+v", e)
	}
	if e, ok := got["pipe"]; ok && (e.Type != TypeOther || e.SHA256 != "") {
		t.Fatalf("fifo %+v", e)
	}
	pred, _ := json.Marshal(m)
	if err := schematest.Validate(PredicateType, pred); err != nil {
		t.Fatalf("manifest does not match its schema: %v", err)
	}
}

func TestNoDrift(t *testing.T) {
	root := tree(t)
	buf, v := signed(t, root, nil)
	m, _, err := Open(buf, []signing.Verifier{v})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compare(context.Background(), root, m)
	if err != nil {
		t.Fatal(err)
	}
	if r.Drifted() || r.Checked != len(m.Files) {
		t.Fatalf("%+v", r.Changes)
	}
}

func TestDrift(t *testing.T) {
	root := tree(t)
	buf, v := signed(t, root, []string{"cache"})
	m, _, err := Open(buf, []signing.Verifier{v})
	if err != nil {
		t.Fatal(err)
	}
	p := func(s string) string { return filepath.Join(root, s) }
	os.WriteFile(p("app.conf"), []byte("listen 81\n"), 0o644) // same size, other content
	os.WriteFile(p("conf.d/a.conf"), []byte("aaaa\n"), 0o644) // other size
	os.Chmod(p("secret.key"), 0o644)                          // mode only
	os.Remove(p("conf.d/b.conf"))                             // removed
	os.WriteFile(p("new.sh"), []byte("curl | sh"), 0o755)     // added
	os.Remove(p("bin/tool"))
	os.Symlink("/usr/bin/true", p("bin/tool")) // file → link
	os.Remove(p("conf.d/current"))
	os.Symlink("a.conf", p("conf.d/current"))          // retargeted
	os.WriteFile(p("cache/y.tmp"), []byte("x"), 0o644) // excluded
	r, err := Compare(context.Background(), root, m)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range r.Changes {
		lines = append(lines, c.Kind+" "+c.Path)
	}
	want := []string{
		"changed app.conf",
		"changed bin/tool",
		"changed conf.d/a.conf",
		"removed conf.d/b.conf",
		"changed conf.d/current",
		"added new.sh",
		"mode secret.key",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("changes:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range r.Changes {
		if c.Path == "secret.key" && c.Detail != "mode 0600, now 0644" {
			t.Errorf("detail %q", c.Detail)
		}
	}
}

// TestTamperedManifest: a manifest edited after signing does not verify;
// one signed with a subject that is not its own listing is refused.
func TestTamperedManifest(t *testing.T) {
	root := tree(t)
	buf, v := signed(t, root, nil)
	b, err := signing.ParseBundle(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := signing.DecodeBase64(b.DSSEEnvelope.Payload)
	edited := bytes.Replace(payload, []byte(`"mode":"0600"`), []byte(`"mode":"0644"`), 1)
	if bytes.Equal(edited, payload) {
		t.Fatal("fixture has no 0600 entry")
	}
	b.DSSEEnvelope.Payload = string(mustB64(edited))
	raw, _ := b.Marshal()
	if _, _, err := Open(bytes.NewReader(raw), []signing.Verifier{v}); !errors.Is(err, attest.ErrNoTrustedSignature) {
		t.Fatalf("edited manifest: %v", err)
	}

	s, v2 := keys(t)
	m, _ := Make(context.Background(), root, nil, time.Now())
	pred, _ := json.Marshal(m)
	st, _ := attest.NewStatement("x", TreeDigest(m.Files[1:]), PredicateType, json.RawMessage(pred))
	wrong, err := attest.Sign(context.Background(), s, st)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ = wrong.Marshal()
	if _, _, err := Open(bytes.NewReader(raw), []signing.Verifier{v2}); !errors.Is(err, ErrInconsistent) {
		t.Fatalf("inconsistent manifest: %v", err)
	}
}

func mustB64(b []byte) []byte { return []byte(encodeStd(b)) }

// TestTreeDigestUnambiguous: names that contain the separators cannot
// make two listings hash alike.
func TestTreeDigestUnambiguous(t *testing.T) {
	one, two := int64(1), int64(1)
	a := []*Entry{{Path: "a b", Type: TypeFile, Mode: "0644", Size: &one, SHA256: "00"}}
	b := []*Entry{{Path: "a", Type: TypeFile, Mode: "0644", Size: &two, SHA256: "00"}, {Path: "b", Type: TypeFile, Mode: "0644", Size: &two, SHA256: "00"}}
	c := []*Entry{{Path: "a\n" + `file 0644 1 00 - "b"`, Type: TypeFile, Mode: "0644", Size: &one, SHA256: "00"}}
	if TreeDigest(a) == TreeDigest(b) || TreeDigest(a) == TreeDigest(c) || TreeDigest(b) == TreeDigest(c) {
		t.Fatal("collision")
	}
}

func TestScanErrors(t *testing.T) {
	if _, err := Scan(context.Background(), filepath.Join(t.TempDir(), "missing"), ScanOptions{}); err == nil {
		t.Fatal("missing root accepted")
	}
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	if _, err := Scan(context.Background(), f, ScanOptions{}); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("file root: %v", err)
	}
	if _, err := Scan(context.Background(), t.TempDir(), ScanOptions{Exclude: []string{"["}}); err == nil {
		t.Fatal("bad pattern accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, tree(t), ScanOptions{}); err == nil {
		t.Fatal("cancelled scan succeeded")
	}
}

func encodeStd(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// TestDecodeMatchesSchema: the decoder's checks and the published schema
// agree on the examples, and on what Make writes.
func TestDecodeMatchesSchema(t *testing.T) {
	files, _ := filepath.Glob("../attest/testdata/predicates/desired-state.*.json")
	if len(files) < 2 {
		t.Fatal("no examples")
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		schemaErr := schematest.Validate(PredicateType, b)
		_, decodeErr := DecodeManifest(b)
		if (schemaErr == nil) != (decodeErr == nil) {
			t.Errorf("%s: schema says %v, decoder says %v", filepath.Base(f), schemaErr, decodeErr)
		}
	}
	for _, bad := range []string{
		`{"root":"r","createdAt":"2024-01-01T00:00:00Z","files":[{"path":"a","type":"file","mode":"644","size":1,"sha256":"` + strings.Repeat("a", 64) + `"}]}`,
		`{"root":"r","createdAt":"2024-01-01T00:00:00Z","files":[{"path":"a","type":"fifo","mode":"0644"}]}`,
		`{"root":"r","createdAt":"2024-01-01T00:00:00Z","files":[{"path":"a","type":"symlink","mode":"0777"}]}`,
		`{"root":"r","createdAt":"2024-01-01T00:00:00Z","files":[{"path":"a/../../b","type":"dir","mode":"0755"}]}`,
		`{"root":"r","createdAt":"2024-01-01T00:00:00Z","files":[{"path":"a","type":"dir","mode":"0755","extra":1}]}`,
	} {
		schemaErr := schematest.Validate(PredicateType, []byte(bad))
		_, decodeErr := DecodeManifest([]byte(bad))
		if schemaErr == nil || decodeErr == nil {
			t.Errorf("%s: schema %v, decoder %v; both should refuse", bad, schemaErr, decodeErr)
		}
	}
}
