package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultBaseURL is where OSV publishes one all.zip per ecosystem.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// DefaultEcosystems are the ecosystems Update fetches unless told
// otherwise: those vouch inventories.
var DefaultEcosystems = []string{
	"AlmaLinux", "Alpine", "crates.io", "Debian", "Go", "Maven", "npm",
	"NuGet", "openSUSE", "Packagist", "PyPI", "Red Hat", "Rocky Linux",
	"RubyGems", "SUSE", "Ubuntu",
}

// maxDownload bounds one all.zip; OSV's largest are a few hundred MB.
const maxDownload = 4 << 30

const downloadPrefix = "download-"

// UpdateOptions configures Update. The zero value fetches
// DefaultEcosystems from DefaultBaseURL.
type UpdateOptions struct {
	BaseURL    string
	Ecosystems []string
	Client     *http.Client
	// Retries is how many times a download is tried again after a server
	// error (5xx, 429), a network error or timeout, or a body that fails
	// its integrity checks: 0 means 3, a negative number none.
	Retries int
	// RetryWait is the first pause between tries, doubled after each; 0
	// means one second.
	RetryWait time.Duration
}

func (o *UpdateOptions) defaults() {
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if len(o.Ecosystems) == 0 {
		o.Ecosystems = DefaultEcosystems
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 15 * time.Minute}
	}
	switch {
	case o.Retries == 0:
		o.Retries = 3
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.RetryWait <= 0 {
		o.RetryWait = time.Second
	}
}

// Update downloads <BaseURL>/<Ecosystem>/all.zip for each ecosystem and
// merges the records into the database in dir, as Import does. Requests
// are conditional on the ETag and Last-Modified of the previous download;
// an ecosystem the server reports unchanged (304) keeps its records.
// Every download is checked before anything changes: its length against
// Content-Length, its MD5 and CRC32C against x-goog-hash when the server
// sends them, the archive's structure, and every document in it. Any
// failure leaves the database as it was.
func Update(ctx context.Context, dir string, opts UpdateOptions) (*Status, error) {
	opts.defaults()
	w, err := lockWriter(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer w.unlock()
	prev := previousSources(dir)

	var (
		ins       []input
		unchanged []Source
		temps     []string
	)
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	for _, eco := range opts.Ecosystems {
		u := opts.BaseURL + "/" + url.PathEscape(eco) + "/all.zip"
		d, err := download(ctx, dir, &opts, u, prev[u])
		if err != nil {
			return nil, fmt.Errorf("update %s: %w", eco, err)
		}
		d.src.Ecosystem = eco
		if d.notModified {
			unchanged = append(unchanged, d.src)
			continue
		}
		temps = append(temps, d.path)
		ins = append(ins, input{path: d.path, src: d.src})
	}
	advs, sources, err := readInputs(ctx, ins)
	if err != nil {
		// Name the URL, not the temporary file.
		for _, in := range ins {
			if msg := err.Error(); strings.Contains(msg, in.path) {
				return nil, fmt.Errorf("update: %s", strings.ReplaceAll(msg, in.path, in.src.Location))
			}
		}
		return nil, fmt.Errorf("update: %w", err)
	}
	return w.commit(ctx, advs, append(sources, unchanged...))
}

// previousSources reads the sources of the current generation, if any.
func previousSources(dir string) map[string]Source {
	out := map[string]Source{}
	b, err := os.ReadFile(filepath.Join(dir, currentName))
	if err != nil {
		return out
	}
	gen := strings.TrimSpace(string(b))
	if !validGen(gen) {
		return out
	}
	sb, err := os.ReadFile(filepath.Join(dir, gen, statusName))
	if err != nil {
		return out
	}
	var st Status
	if json.Unmarshal(sb, &st) != nil {
		return out
	}
	for _, s := range st.Sources {
		out[s.Location] = s
	}
	return out
}

type downloaded struct {
	path        string
	src         Source
	notModified bool
}

// retryable marks failures worth another try.
type retryable struct{ err error }

func (e *retryable) Error() string { return e.err.Error() }
func (e *retryable) Unwrap() error { return e.err }

func download(ctx context.Context, dir string, o *UpdateOptions, u string, prev Source) (*downloaded, error) {
	wait := o.RetryWait
	for attempt := 0; ; attempt++ {
		d, err := downloadOnce(ctx, dir, o.Client, u, prev)
		if err == nil {
			return d, nil
		}
		var r *retryable
		if !errors.As(err, &r) || attempt >= o.Retries || ctx.Err() != nil {
			if attempt > 0 {
				return nil, fmt.Errorf("%w (after %d tries)", err, attempt+1)
			}
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

func downloadOnce(ctx context.Context, dir string, client *http.Client, u string, prev Source) (_ *downloaded, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "vouch (+https://vouch.dev)")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &retryable{err} // connection refused, reset, timeout …
	}
	defer resp.Body.Close()
	now := time.Now().UTC()
	switch {
	case resp.StatusCode == http.StatusNotModified && (prev.ETag != "" || prev.LastModified != ""):
		prev.Fetched = now
		prev.NotModified = true
		return &downloaded{src: prev, notModified: true}, nil
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode >= 500, resp.StatusCode == http.StatusTooManyRequests, resp.StatusCode == http.StatusRequestTimeout:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return nil, &retryable{fmt.Errorf("GET %s: %s", u, resp.Status)}
	default:
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}

	f, err := os.CreateTemp(dir, downloadPrefix+"*.zip")
	if err != nil {
		return nil, err
	}
	defer func() {
		f.Close()
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	sumMD5 := md5.New()
	sumCRC := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	n, err := io.Copy(io.MultiWriter(f, sumMD5, sumCRC), io.LimitReader(resp.Body, maxDownload+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &retryable{fmt.Errorf("GET %s: reading body: %w", u, err)}
	}
	if n > maxDownload {
		return nil, fmt.Errorf("GET %s: larger than %d bytes", u, int64(maxDownload))
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return nil, &retryable{fmt.Errorf("GET %s: got %d bytes, Content-Length says %d", u, n, resp.ContentLength)}
	}
	if err := checkGoogHash(resp.Header.Values("X-Goog-Hash"), sumMD5, sumCRC); err != nil {
		return nil, &retryable{fmt.Errorf("GET %s: %w", u, err)}
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	zr, err := zip.OpenReader(f.Name())
	if err != nil {
		return nil, &retryable{fmt.Errorf("GET %s: not a readable zip archive: %w", u, err)}
	}
	zr.Close()
	return &downloaded{
		path: f.Name(),
		src: Source{
			Location:     u,
			ETag:         resp.Header.Get("ETag"),
			LastModified: resp.Header.Get("Last-Modified"),
			Fetched:      now,
		},
	}, nil
}

// checkGoogHash compares the body's digests with Google Cloud Storage's
// x-goog-hash header ("crc32c=BASE64,md5=BASE64", possibly split over
// several headers). Digests the header does not carry are not checked.
func checkGoogHash(values []string, sumMD5, sumCRC hash.Hash) error {
	for _, v := range values {
		for _, kv := range strings.Split(v, ",") {
			k, val, ok := strings.Cut(strings.TrimSpace(kv), "=")
			if !ok {
				continue
			}
			want, err := base64.StdEncoding.DecodeString(val)
			if err != nil {
				return fmt.Errorf("x-goog-hash %s: %q is not base64", k, val)
			}
			var got []byte
			switch strings.ToLower(k) {
			case "md5":
				got = sumMD5.Sum(nil)
			case "crc32c":
				got = binary.BigEndian.AppendUint32(nil, sumCRC.(hash.Hash32).Sum32())
			default:
				continue
			}
			if !bytes.Equal(got, want) {
				return fmt.Errorf("%s of the body is %s, x-goog-hash says %s", k, base64.StdEncoding.EncodeToString(got), val)
			}
		}
	}
	return nil
}
