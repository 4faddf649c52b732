package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// zipDir packs the JSON files of testdata/advisories/<sub> the way OSV
// publishes <Ecosystem>/all.zip.
func zipDir(t *testing.T, sub string, extra map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	ents, err := os.ReadDir(filepath.Join("testdata", "advisories", sub))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("testdata", "advisories", sub, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	for name, doc := range extra {
		w, _ := zw.Create(name)
		w.Write([]byte(doc))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// osvServer is a loopback stand-in for the OSV bucket: it serves one zip
// per ecosystem with an ETag, answers conditional requests, and can be
// told to fail.
type osvServer struct {
	*httptest.Server
	mu       sync.Mutex
	zips     map[string][]byte // by ecosystem
	fail     map[string]int    // ecosystem → number of 500s to send first
	goodHash bool              // send a correct x-goog-hash
	badHash  bool              // send a wrong one
	requests []string          // "GET npm 200" …
}

func newOSVServer(t *testing.T) *osvServer {
	s := &osvServer{zips: map[string][]byte{}, fail: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *osvServer) set(eco string, b []byte) {
	s.mu.Lock()
	s.zips[eco] = b
	s.mu.Unlock()
}

func (s *osvServer) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.requests, "; ")
}

func (s *osvServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	eco, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/all.zip")
	b, found := s.zips[eco]
	status := http.StatusOK
	defer func() { s.requests = append(s.requests, fmt.Sprintf("%s %s %d", r.Method, eco, status)) }()
	if !ok || !found {
		status = http.StatusNotFound
		http.NotFound(w, r)
		return
	}
	if s.fail[eco] > 0 {
		s.fail[eco]--
		status = http.StatusInternalServerError
		http.Error(w, "backend error", status)
		return
	}
	sum := md5.Sum(b)
	etag := fmt.Sprintf(`"%x"`, sum)
	if r.Header.Get("If-None-Match") == etag {
		status = http.StatusNotModified
		w.WriteHeader(status)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Wed, 21 Aug 2026 20:38:00 GMT")
	w.Header().Set("Content-Type", "application/zip")
	if s.goodHash || s.badHash {
		crc := crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))
		m := sum[:]
		if s.badHash {
			m = make([]byte, 16)
		}
		w.Header().Add("X-Goog-Hash", "crc32c="+base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc)))
		w.Header().Add("X-Goog-Hash", "md5="+base64.StdEncoding.EncodeToString(m))
	}
	w.Write(b)
}

func fastOpts(s *osvServer, ecos ...string) UpdateOptions {
	return UpdateOptions{BaseURL: s.URL, Ecosystems: ecos, Client: s.Client(), RetryWait: time.Millisecond}
}

func TestUpdateConditional(t *testing.T) {
	s := newOSVServer(t)
	s.set("npm", zipDir(t, "npm", nil))
	s.set("PyPI", zipDir(t, "pypi", nil))
	s.goodHash = true
	dir := t.TempDir()
	ctx := context.Background()

	st, err := Update(ctx, dir, fastOpts(s, "npm", "PyPI"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Records["npm"] != 8 || st.Records["PyPI"] != 4 {
		t.Fatalf("records = %v", st.Records)
	}
	src := sourceFor(st, s.URL+"/npm/all.zip")
	if src == nil || src.ETag == "" || src.Ecosystem != "npm" || src.Records != 8 || src.NotModified {
		t.Fatalf("npm source = %+v", src)
	}
	gen1 := st.Generation

	// Nothing changed: conditional requests, 304, records kept.
	st, err = Update(ctx, dir, fastOpts(s, "npm", "PyPI"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.log(); got != "GET npm 200; GET PyPI 200; GET npm 304; GET PyPI 304" {
		t.Errorf("requests: %s", got)
	}
	if st.Records["npm"] != 8 || st.Records["PyPI"] != 4 || len(st.Rebuilt) != 0 {
		t.Errorf("after 304: records %v rebuilt %v", st.Records, st.Rebuilt)
	}
	if src := sourceFor(st, s.URL+"/npm/all.zip"); src == nil || !src.NotModified || src.Records != 8 {
		t.Errorf("npm source after 304 = %+v", src)
	}
	if st.Previous != gen1 {
		t.Errorf("previous = %q, want %q", st.Previous, gen1)
	}

	// npm changes: a newer lodash record that moves the fix.
	newer := `{"id":"GHSA-35jh-r3h4-6jhm","modified":"2025-01-01T00:00:00Z","summary":"Command Injection in lodash (revised)",
		"affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"4.17.22"}]}]}]}`
	npmZip := zipDir(t, "npm", nil)
	npmZip = replaceInZip(t, npmZip, "GHSA-35jh-r3h4-6jhm.json", newer)
	s.set("npm", npmZip)
	st, err = Update(ctx, dir, fastOpts(s, "npm", "PyPI"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(st.Rebuilt, ",") != "npm" {
		t.Errorf("rebuilt %v, want only npm", st.Rebuilt)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fs, err := db.Match(ctx, []vouch.Package{{Ecosystem: "npm", Name: "lodash", Version: "4.17.21"}, {Ecosystem: "PyPI", Name: "some-package", Version: "1.0"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].FixedIn != "4.17.22" || fs[0].Title != "Command Injection in lodash (revised)" || fs[1].ID != "PYSEC-9999-1" {
		t.Errorf("after update: %+v", fs)
	}
}

func replaceInZip(t *testing.T, z []byte, name, doc string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if f.Name == name {
			w.Write([]byte(doc))
			continue
		}
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		w.Write(b.Bytes())
	}
	zw.Close()
	return buf.Bytes()
}

func sourceFor(st *Status, loc string) *Source {
	for i := range st.Sources {
		if st.Sources[i].Location == loc {
			return &st.Sources[i]
		}
	}
	return nil
}

func TestUpdateRetriesServerErrors(t *testing.T) {
	s := newOSVServer(t)
	s.set("npm", zipDir(t, "npm", nil))
	s.fail["npm"] = 1
	dir := t.TempDir()
	st, err := Update(context.Background(), dir, fastOpts(s, "npm"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.log(); got != "GET npm 500; GET npm 200" {
		t.Errorf("requests: %s", got)
	}
	if st.Records["npm"] != 8 {
		t.Errorf("records = %v", st.Records)
	}

	// More failures than retries: an error, and nothing changes.
	s.fail["npm"] = 10
	opts := fastOpts(s, "npm")
	opts.Retries = 2
	_, err = Update(context.Background(), dir, opts)
	if err == nil || !strings.Contains(err.Error(), "500") || !strings.Contains(err.Error(), "after 3 tries") {
		t.Fatalf("Update with a failing server: %v", err)
	}
	after, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	if after.Status().Generation != st.Generation {
		t.Error("a failed update changed the database")
	}
}

func TestUpdateNotFoundIsNotRetried(t *testing.T) {
	s := newOSVServer(t)
	_, err := Update(context.Background(), t.TempDir(), fastOpts(s, "Hex"))
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("Update of a missing ecosystem: %v", err)
	}
	if got := s.log(); got != "GET Hex 404" {
		t.Errorf("requests: %s", got)
	}
}

// TestUpdateRejectsBadDownloads checks the integrity checks: a body that
// is not a zip, a zip with a document that does not parse, and a body
// whose MD5 differs from x-goog-hash are each rejected, and the database
// stays as it was.
func TestUpdateRejectsBadDownloads(t *testing.T) {
	s := newOSVServer(t)
	s.set("npm", zipDir(t, "npm", nil))
	dir := t.TempDir()
	ctx := context.Background()
	good, err := Update(ctx, dir, fastOpts(s, "npm"))
	if err != nil {
		t.Fatal(err)
	}
	pkg := []vouch.Package{{Ecosystem: "npm", Name: "lodash", Version: "4.17.20"}}

	// A valid archive that differs from the imported one, so that the
	// server does not answer 304.
	valid := zipDir(t, "npm", map[string]string{"GHSA-more.json": `{"id":"GHSA-more","modified":"2024-01-01T00:00:00Z"}`})
	truncated := valid[:len(valid)/2]
	badDoc := zipDir(t, "npm", map[string]string{"GHSA-bad.json": `{"id":"GHSA-bad","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]}]}`})
	tests := []struct {
		name, body, want string
		badHash          bool
	}{
		{"truncated zip", string(truncated), "not a readable zip archive", false},
		{"not a zip", "<html>maintenance</html>", "not a readable zip archive", false},
		{"document that does not parse", string(badDoc), "GHSA-bad.json: invalid osv record", false},
		{"md5 mismatch", string(valid), "md5 of the body", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.set("npm", []byte(tt.body))
			s.badHash = tt.badHash
			defer func() { s.badHash = false }()
			opts := fastOpts(s, "npm")
			opts.Retries = 1
			_, err := Update(ctx, dir, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Update: %v, want an error containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), downloadPrefix) {
				t.Errorf("error names the temporary file: %v", err)
			}
			db, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if db.Status().Generation != good.Generation {
				t.Error("a rejected download changed the database")
			}
			fs, err := db.Match(ctx, pkg)
			if err != nil || len(fs) != 1 {
				t.Errorf("old database no longer matches: %v %v", fs, err)
			}
			left, _ := filepath.Glob(filepath.Join(dir, downloadPrefix+"*"))
			if len(left) != 0 {
				t.Errorf("downloads left behind: %v", left)
			}
		})
	}
}

func TestCheckGoogHash(t *testing.T) {
	body := []byte("hello")
	m := md5.Sum(body)
	crc := crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli))
	md5OK := "md5=" + base64.StdEncoding.EncodeToString(m[:])
	crcOK := "crc32c=" + base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc))
	crcBad := "crc32c=" + base64.StdEncoding.EncodeToString([]byte{0, 0, 0, 1})
	for _, tt := range []struct {
		values []string
		ok     bool
	}{
		{nil, true},
		{[]string{crcOK + "," + md5OK}, true},
		{[]string{crcOK, md5OK}, true},
		{[]string{crcBad + "," + md5OK}, false},
		{[]string{"md5=!!!"}, false},
		{[]string{"sha1=AAAA"}, true},
	} {
		hm := md5.New()
		hc := crc32.New(crc32.MakeTable(crc32.Castagnoli))
		hm.Write(body)
		hc.Write(body)
		if err := checkGoogHash(tt.values, hm, hc); (err == nil) != tt.ok {
			t.Errorf("checkGoogHash(%q) = %v, want ok=%v", tt.values, err, tt.ok)
		}
	}
}
