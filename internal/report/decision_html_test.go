package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// htmlElements tokenizes an HTML page (leniently, as HTML allows void
// elements) and returns its elements with their attributes.
func htmlElements(t *testing.T, page []byte) []xml.StartElement {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var els []xml.StartElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return els
		}
		if err != nil {
			t.Fatalf("tokenize the HTML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			els = append(els, se.Copy())
		}
	}
}

func TestDecisionHTMLSelfContained(t *testing.T) {
	page := writeDecision(t, WriteDecisionHTML, richDecision())
	els := htmlElements(t, page)
	if len(els) < 100 {
		t.Fatalf("only %d elements: the tokenizer did not read the page", len(els))
	}
	for _, el := range els {
		switch strings.ToLower(el.Name.Local) {
		case "script", "link", "img", "iframe", "object", "embed", "image", "use", "base", "audio", "video", "source", "form":
			t.Errorf("<%s> in a page that must load nothing", el.Name.Local)
		}
		for _, a := range el.Attr {
			name := strings.ToLower(a.Name.Local)
			if name == "src" || name == "href" || name == "srcset" || name == "action" || strings.HasPrefix(name, "on") {
				t.Errorf("<%s %s=%q>: a page that must load nothing", el.Name.Local, a.Name.Local, a.Value)
			}
		}
	}
	for _, bad := range []string{"@import", "url(", "@font-face"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("the style sheet has %q", bad)
		}
	}
}

func TestDecisionHTMLContent(t *testing.T) {
	d := richDecision()
	page := string(writeDecision(t, WriteDecisionHTML, d))
	if !regexp.MustCompile(`<div id="verdict" class="deny">DENY</div>`).MatchString(page) {
		t.Error("no verdict element saying DENY")
	}
	for _, want := range []string{
		"production", "registry.example.com/acme/shop", d.Artifact.Digest.String(),
		"2026-03-02 09:15:00 UTC", "github.com/acme/shop", "9fceb02d0ae598e95dc970b74767f19372d61af8", "deploy-bot", "dave",
		d.PolicyDigest.String(), d.InputDigest.String(),
		"CVE-2021-44228 (Log4Shell) in log4j-core 2.14.1, fixed in 2.17.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
		"evidence/scan.intoto.jsonl", shortDigest(d.Evidence[0].Digest.String()), "SHA256:q1mZ7dXkQJm3f0oXw0m5u4s2t9VZkJq6bq0G5bYtq2E",
		"W-2026-007", "team-payments", "carol", "2026-06-30", "parameterised query lands with PAY-1432",
		"W-2025-031</code> expired 2026-01-01, no longer applies",
		"signature by an untrusted key", "sarif-2.1.0 (CodeQL 2.20.1)",
		">2000<", "<td class=\"break\">MIT</td><td class=\"num\">912</td>", "2 other licences",
		"<title>vulnerability findings by severity: 1 critical, 7 high, 23 medium, 41 low, 0 none, 2 unknown</title>",
		"acme.no_latest", "policies/acme.rego",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<svg "); n != len(d.Summary.Findings) {
		t.Errorf("%d charts, want one per kind (%d)", n, len(d.Summary.Findings))
	}
	if n := strings.Count(page, "<tr><td class=\"break\">"); n != maxHTMLLicenses {
		t.Errorf("%d licence rows, want the top %d", n, maxHTMLLicenses)
	}
	// NOASSERTION (21) ties with MPL-2.0 and ranks by name; WTFPL and
	// OFL-1.1 (1 each) are the two left out.
	if strings.Contains(page, "WTFPL") || strings.Contains(page, "OFL-1.1") {
		t.Error("the licences with the fewest components are listed")
	}
}

func TestDecisionHTMLEscapes(t *testing.T) {
	d := hostileDecision()
	page := string(writeDecision(t, WriteDecisionHTML, d))
	if !reflect.DeepEqual(d, hostileDecision()) {
		t.Error("cleaning the page's strings modified the decision")
	}
	if strings.Contains(page, "<script") {
		t.Error("a hostile <script> reached the page unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile message is not on the page, escaped")
	}
	htmlElements(t, []byte(page)) // still one well-formed page
}

func TestDecisionHTMLVerdictColours(t *testing.T) {
	for v, class := range map[vouch.Verdict]string{vouch.Allow: "allow", vouch.Warn: "warn", vouch.Deny: "deny", "": "deny", "maybe": "deny"} {
		page := string(writeDecision(t, WriteDecisionHTML, &vouch.Decision{Verdict: v}))
		if !strings.Contains(page, `id="verdict" class="`+class+`"`) {
			t.Errorf("verdict %q: not coloured %s", v, class)
		}
	}
}

// denyRGB is the colour of a DENY verdict (--deny in the template).
var denyRGB = [3]int{0xb3, 0x26, 0x1e}

// TestDecisionHTMLInBrowser renders the page in headless Chromium: the
// DOM it builds, and a screenshot at 1200 pixels wide. Without a browser
// it skips, unless VOUCH_REQUIRE_BROWSER=1 (CI sets it).
func TestDecisionHTMLInBrowser(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		if os.Getenv("VOUCH_REQUIRE_BROWSER") == "1" {
			t.Fatal("no chromium, chromium-browser or google-chrome on PATH, and VOUCH_REQUIRE_BROWSER=1")
		}
		t.Skip("no chromium, chromium-browser or google-chrome on PATH")
	}
	d := richDecision()
	dir := t.TempDir()
	page := filepath.Join(dir, "decision.html")
	if err := os.WriteFile(page, writeDecision(t, WriteDecisionHTML, d), 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()

	dom := runBrowser(t, browser, "--dump-dom", pageURL)
	if !regexp.MustCompile(`id="verdict"[^>]*>\s*DENY\s*<`).Match(dom) {
		t.Error("the rendered DOM has no verdict element saying DENY")
	}
	for _, want := range []string{"production", d.Violations[3].Message, "<svg", "expired 2026-01-01, no longer applies"} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("the rendered DOM lacks %q", want)
		}
	}

	shot := filepath.Join(dir, "shot.png")
	runBrowser(t, browser, "--screenshot="+shot, "--window-size=1200,1600", pageURL)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != 1200 {
		t.Errorf("screenshot %d pixels wide, want 1200", b.Dx())
	}
	colours, red := pixelStats(img)
	if colours < 50 {
		t.Errorf("the screenshot has %d distinct colours: the page did not render", colours)
	}
	// The verdict is a block at least 320×150: most of it is deny red.
	if red < 20000 {
		t.Errorf("%d pixels of the deny colour #b3261e, want the verdict block (≥ 20000)", red)
	}
}

// pixelStats counts the distinct colours of img and the pixels within a
// small distance of denyRGB.
func pixelStats(img image.Image) (colours, red int) {
	seen := map[[3]uint8]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}
			seen[c] = true
			if near(int(c[0]), denyRGB[0]) && near(int(c[1]), denyRGB[1]) && near(int(c[2]), denyRGB[2]) {
				red++
			}
		}
	}
	return len(seen), red
}

func near(a, b int) bool { return a-b <= 6 && b-a <= 6 }

func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runBrowser runs headless Chromium with a fresh profile and no network
// chatter of its own, and returns what it wrote on stdout. Its stderr
// (D-Bus, GPU noise) matters only when it fails.
func runBrowser(t *testing.T, browser string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		// Containers give /dev/shm little room; /tmp will do.
		"--disable-dev-shm-usage",
		"--user-data-dir=" + t.TempDir(),
	}
	cmd := exec.CommandContext(ctx, browser, append(base, args...)...)
	// A home and caches of its own: CI's may be missing or read-only.
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(browser), strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}
