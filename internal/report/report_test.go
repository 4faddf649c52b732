package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vouch-dev/vouch/internal/vouch"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

const (
	layerBase = "sha256:1f6ddbd93fd8ef5e6f2ecbba3e05d5ba2fd0cd2b9e0c2d4f2fdf7b4e1a6c9e01"
	layerApp  = "sha256:7a3b9e0c5d2f41e8b6a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1"
)

func npm(name, version string) *vouch.Package {
	return &vouch.Package{Ecosystem: vouch.EcosystemNPM, Name: name, Version: version, PURL: "pkg:npm/" + name + "@" + version}
}

// richResult is a scan of an image with every kind of finding: fixed and
// unfixed vulnerabilities, an unknown severity, aliases, layers, a secret,
// misconfigurations and findings accepted three ways.
func richResult() *Result {
	digest, err := vouch.ParseDigest("sha256:4b0f7d8c2a9e6f1b3c5d7e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b")
	if err != nil {
		panic(err)
	}
	gonet := &vouch.Package{Ecosystem: vouch.EcosystemGo, Name: "golang.org/x/net", Version: "v0.15.0", PURL: "pkg:golang/golang.org/x/net@v0.15.0"}
	openssl := &vouch.Package{Ecosystem: vouch.EcosystemDebian, Name: "openssl", Version: "3.0.11-1~deb12u2", PURL: "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", Distro: "debian:12"}
	libc := &vouch.Package{Ecosystem: vouch.EcosystemDebian, Name: "libc6", Version: "2.36-9+deb12u3", PURL: "pkg:deb/debian/libc6@2.36-9+deb12u3?arch=amd64&distro=debian-12", Distro: "debian:12"}
	findings := []vouch.Finding{
		{
			Kind: vouch.KindVulnerability, ID: "GHSA-35jh-r3h4-6jhm", Aliases: []string{"CVE-2021-23337"},
			Title:    "Command Injection in lodash",
			Detail:   "`lodash` versions prior to 4.17.21 are vulnerable to Command Injection via the template function.",
			Severity: vouch.SeverityHigh, Score: 7.2, Vector: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H",
			Location: vouch.Location{Path: "app/package-lock.json", Line: 120, Layer: layerApp},
			Package:  npm("lodash", "4.17.20"), FixedIn: "4.17.21",
			References: []string{"https://nvd.nist.gov/vuln/detail/CVE-2021-23337", "https://github.com/lodash/lodash/commit/3469357cff396a26c363f8c1b5a91dde28ba4b1c"},
		},
		{
			Kind: vouch.KindVulnerability, ID: "GHSA-xvch-5gv4-984h", Aliases: []string{"CVE-2021-44906"},
			Title:    "Prototype Pollution in minimist",
			Severity: vouch.SeverityCritical, Score: 9.8,
			Location: vouch.Location{Path: "app/package-lock.json", Line: 88, Layer: layerApp},
			Package:  npm("minimist", "1.2.5"), FixedIn: "1.2.6",
			References: []string{"https://github.com/advisories/GHSA-xvch-5gv4-984h"},
		},
		{
			Kind: vouch.KindVulnerability, ID: "GO-2023-2102", Aliases: []string{"GHSA-4374-p667-p6c8", "CVE-2023-39325"},
			Title:    "HTTP/2 rapid reset can cause excessive work in net/http",
			Severity: vouch.SeverityUnknown, Reachable: "no",
			Location: vouch.Location{Path: "app/bin/server", Layer: layerApp},
			Package:  gonet, FixedIn: "v0.17.0",
			References: []string{"https://pkg.go.dev/vuln/GO-2023-2102", "not a url"},
		},
		{
			Kind: vouch.KindVulnerability, ID: "CVE-2024-0727",
			Title:    "openssl: denial of service via null dereference",
			Severity: vouch.SeverityMedium, Score: 5.5,
			Location: vouch.Location{Path: "var/lib/dpkg/status", Line: 1402, Layer: layerBase},
			Package:  openssl,
		},
		{
			Kind: vouch.KindVulnerability, ID: "CVE-2010-4756",
			Title:    "glob implementation in glibc allows remote authenticated users to cause a denial of service",
			Severity: vouch.SeverityLow, Score: 4.0, // disagrees with LOW: security-severity falls back to 2.0
			Location: vouch.Location{Path: "var/lib/dpkg/status", Line: 310, Layer: layerBase},
			Package:  libc,
		},
		{
			Kind: vouch.KindSecret, ID: "aws-access-key-id", Title: "AWS access key ID",
			Detail:   "DETAIL-MARKER: a scanner may quote context here",
			Severity: vouch.SeverityHigh,
			Location: vouch.Location{Path: "app/config/dev settings.py", Line: 12, Layer: layerApp},
			Masked:   "AKIA************MPLE", Fingerprint: "sha256:9c1185a5c5e9fc54612808977ee8f548b2258d31",
		},
		{
			Kind: vouch.KindMisconfig, ID: "VCH-TF-S3-001", Title: "S3 bucket allows public read",
			Detail:   "The bucket's ACL grants READ to AllUsers.",
			Severity: vouch.SeverityHigh, Resource: "aws_s3_bucket.logs", Remediation: "Set acl = \"private\" and enable a public access block.",
			Location: vouch.Location{Path: "app/deploy/main.tf", Line: 3, Layer: layerApp}, EndLine: 17,
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"},
		},
		{
			Kind: vouch.KindMisconfig, ID: "VCH-K8S-007", Title: "Container runs as root",
			Severity: vouch.SeverityMedium, Resource: "Deployment/api",
			Location: vouch.Location{Path: "app/deploy/k8s/deployment.yaml", Line: 21, Layer: layerApp}, EndLine: 40,
		},
	}
	suppressed := []vouch.Finding{
		{
			Kind: vouch.KindVulnerability, ID: "GHSA-c2qf-rxjj-qqgw", Aliases: []string{"CVE-2022-25883"},
			Title: "semver vulnerable to Regular Expression Denial of Service", Severity: vouch.SeverityHigh, Score: 7.5,
			Location: vouch.Location{Path: "app/package-lock.json", Line: 301, Layer: layerApp},
			Package:  npm("semver", "7.5.1"), FixedIn: "7.5.2",
			Suppressed: &vouch.Suppression{Source: ".vouchignore.yaml", Reason: "only parses versions from our own lockfile", Until: "2026-01-31"},
		},
		{
			Kind: vouch.KindVulnerability, ID: "CVE-2023-5678", Title: "openssl: excessive time spent in DH check",
			Severity: vouch.SeverityMedium, Score: 5.3,
			Location:   vouch.Location{Path: "var/lib/dpkg/status", Line: 1402, Layer: layerBase},
			Package:    openssl,
			Suppressed: &vouch.Suppression{Source: "vex:vex/api.openvex.json", Reason: "vulnerable_code_not_in_execute_path: the service never calls DH_check"},
		},
		{
			Kind: vouch.KindSecret, ID: "generic-password", Title: "Hard-coded password",
			Severity: vouch.SeverityMedium,
			Location: vouch.Location{Path: "app/tests/fixtures/db.env", Line: 3, Layer: layerApp},
			Masked:   "pa****rd", Fingerprint: "sha256:0b14d501a594442a01c6859541bcb3e8164d183d",
			Suppressed: &vouch.Suppression{Source: "inline", Reason: "test fixture"},
		},
	}
	r := &Result{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "vouch", Version: "0.3.0"},
		Target: vouch.Target{
			Kind: vouch.TargetImage, Name: "registry.example.com/shop/api:1.4.2", Digest: digest,
			Platform: "linux/amd64", Layers: []string{layerBase, layerApp},
		},
		Distro:   &vouch.Distro{ID: "debian", VersionID: "12", Codename: "bookworm", Name: "Debian GNU/Linux 12 (bookworm)"},
		Scanners: []string{"vuln", "secret", "misconfig"},
		// What exclude-paths left out of the image.
		ExcludePaths: []string{"usr/share/doc/**", "app/node_modules/.cache/"},
		Database:     &Database{BuiltAt: time.Date(2025, 5, 1, 3, 0, 0, 0, time.UTC), Sources: []string{"osv:Debian", "osv:Go", "osv:npm"}, Advisories: 184203},
		Packages:     412,
		// Deliberately unsorted: writers must sort.
		Findings:   findings,
		Suppressed: suppressed,
		CreatedAt:  time.Date(2025, 5, 2, 14, 30, 0, 0, time.UTC),
	}
	r.Summary = Summarize(append(slices.Clone(findings), suppressed...))
	return r
}

func emptyResult() *Result {
	return &Result{
		Tool:      Tool{Name: "vouch", Version: "0.3.0"},
		Target:    vouch.Target{Kind: vouch.TargetDirectory, Name: "."},
		Scanners:  []string{"vuln", "secret"},
		Packages:  37,
		CreatedAt: time.Date(2025, 5, 2, 14, 30, 0, 0, time.UTC),
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func TestGolden(t *testing.T) {
	withSuppressedOnly := emptyResult()
	withSuppressedOnly.Suppressed = richResult().Suppressed[:1]
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"rich.table", func(b *bytes.Buffer) error { return WriteTable(b, richResult(), TableOptions{}) }},
		{"rich.color.table", func(b *bytes.Buffer) error { return WriteTable(b, richResult(), TableOptions{Color: true}) }},
		{"rich.w80.table", func(b *bytes.Buffer) error { return WriteTable(b, richResult(), TableOptions{Width: 80}) }},
		{"rich.json", func(b *bytes.Buffer) error { return WriteJSON(b, richResult()) }},
		{"rich.sarif", func(b *bytes.Buffer) error { return WriteSARIF(b, richResult()) }},
		{"empty.table", func(b *bytes.Buffer) error { return WriteTable(b, emptyResult(), TableOptions{}) }},
		{"empty.json", func(b *bytes.Buffer) error { return WriteJSON(b, emptyResult()) }},
		{"empty.sarif", func(b *bytes.Buffer) error { return WriteSARIF(b, emptyResult()) }},
		{"suppressed-only.table", func(b *bytes.Buffer) error { return WriteTable(b, withSuppressedOnly, TableOptions{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// TestWritersDoNotDependOnInputOrder writes the same findings in two
// orders and wants the same bytes, and the caller's slice untouched.
func TestWritersDoNotDependOnInputOrder(t *testing.T) {
	a, b := richResult(), richResult()
	slices.Reverse(b.Findings)
	slices.Reverse(b.Suppressed)
	before := slices.Clone(b.Findings)
	for name, write := range map[string]func(*bytes.Buffer, *Result) error{
		"json":  func(w *bytes.Buffer, r *Result) error { return WriteJSON(w, r) },
		"sarif": func(w *bytes.Buffer, r *Result) error { return WriteSARIF(w, r) },
		"table": func(w *bytes.Buffer, r *Result) error { return WriteTable(w, r, TableOptions{}) },
	} {
		var wa, wb bytes.Buffer
		if err := write(&wa, a); err != nil {
			t.Fatal(err)
		}
		if err := write(&wb, b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(wa.Bytes(), wb.Bytes()) {
			t.Errorf("%s: output depends on the order of findings", name)
		}
	}
	for i := range before {
		if before[i].ID != b.Findings[i].ID {
			t.Fatalf("a writer reordered the caller's findings")
		}
	}
}

func TestJSONEmptyListsAreArrays(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, &Result{}); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"findings", "suppressed", "scanners"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s = %#v, want an empty array", k, m[k])
		}
	}
	if _, ok := m["excludePaths"]; ok {
		t.Error("excludePaths written when nothing was excluded")
	}
	if m["schemaVersion"] != SchemaVersion {
		t.Errorf("schemaVersion = %v, want %q", m["schemaVersion"], SchemaVersion)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := richResult()
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Findings) != len(r.Findings) || len(back.Suppressed) != len(r.Suppressed) {
		t.Fatalf("round trip: %d findings, %d suppressed; want %d, %d", len(back.Findings), len(back.Suppressed), len(r.Findings), len(r.Suppressed))
	}
	if back.Summary != r.Summary {
		t.Errorf("summary = %+v, want %+v", back.Summary, r.Summary)
	}
	if !slices.Equal(back.ExcludePaths, r.ExcludePaths) {
		t.Errorf("excludePaths = %q, want %q", back.ExcludePaths, r.ExcludePaths)
	}
	if back.Target.Digest != r.Target.Digest {
		t.Errorf("digest = %v, want %v", back.Target.Digest, r.Target.Digest)
	}
	for _, f := range back.Suppressed {
		if f.Suppressed == nil || f.Suppressed.Source == "" {
			t.Errorf("suppressed %s lost why it was suppressed", f.ID)
		}
	}
}

func TestSummarize(t *testing.T) {
	r := richResult()
	got := Summarize(append(slices.Clone(r.Findings), r.Suppressed...))
	want := Summary{
		Total:      8,
		BySeverity: SeverityCounts{Critical: 1, High: 3, Medium: 2, Low: 1, Unknown: 1},
		ByKind:     KindCounts{Vulnerabilities: 5, Secrets: 1, Misconfigurations: 2},
		Suppressed: 3,
	}
	if got != want {
		t.Errorf("Summarize = %+v\nwant %+v", got, want)
	}
	if got := Summarize(nil); got != (Summary{}) {
		t.Errorf("Summarize(nil) = %+v, want zero", got)
	}
}

func TestSort(t *testing.T) {
	mk := func(path string, line int, pkg string, sev vouch.Severity, id string) vouch.Finding {
		f := vouch.Finding{ID: id, Severity: sev, Location: vouch.Location{Path: path, Line: line}}
		if pkg != "" {
			f.Package = npm(pkg, "1.0.0")
		}
		return f
	}
	in := []vouch.Finding{
		mk("b.json", 1, "a", vouch.SeverityHigh, "X"),
		mk("a.json", 9, "a", vouch.SeverityLow, "X"),
		mk("a.json", 2, "z", vouch.SeverityLow, "X"),
		mk("a.json", 2, "b", vouch.SeverityLow, "B"),
		mk("a.json", 2, "b", vouch.SeverityCritical, "Z"),
		mk("a.json", 2, "b", vouch.SeverityUnknown, "Y"),
		mk("a.json", 2, "b", vouch.SeverityLow, "A"),
	}
	Sort(in)
	var got []string
	for _, f := range in {
		got = append(got, f.Location.Path+":"+strconv.Itoa(f.Location.Line)+":"+f.Package.Name+":"+f.Severity.String()+":"+f.ID)
	}
	want := []string{
		"a.json:2:b:CRITICAL:Z",
		"a.json:2:b:UNKNOWN:Y",
		"a.json:2:b:LOW:A",
		"a.json:2:b:LOW:B",
		"a.json:2:z:LOW:X",
		"a.json:9:a:LOW:X",
		"b.json:1:a:HIGH:X",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Sort order:\n got %q\nwant %q", got, want)
	}
}

func TestFormatIDs(t *testing.T) {
	tests := []struct {
		id      string
		aliases []string
		want    string
	}{
		{"CVE-2024-0727", nil, "CVE-2024-0727"},
		{"GHSA-35jh-r3h4-6jhm", []string{"CVE-2021-23337"}, "GHSA-35jh-r3h4-6jhm CVE-2021-23337"},
		{"GO-2023-2102", []string{"GHSA-4374-p667-p6c8", "CVE-2023-39325"}, "GO-2023-2102 CVE-2023-39325 +1"},
		{"GO-2023-2102", []string{"GO-2023-2102", "GHSA-4374-p667-p6c8", "GHSA-4374-p667-p6c8"}, "GO-2023-2102 GHSA-4374-p667-p6c8"},
	}
	for _, tt := range tests {
		if got := formatIDs(tt.id, tt.aliases); got != tt.want {
			t.Errorf("formatIDs(%q, %q) = %q, want %q", tt.id, tt.aliases, got, tt.want)
		}
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestTableWidth(t *testing.T) {
	for _, width := range []int{20, 40, 60, 80, 120} {
		for _, color := range []bool{false, true} {
			var b bytes.Buffer
			if err := WriteTable(&b, richResult(), TableOptions{Width: width, Color: color}); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				if n := utf8.RuneCountInString(ansi.ReplaceAllString(line, "")); n > width {
					t.Errorf("width %d color %v: line of %d columns: %q", width, color, n, line)
				}
				if seqs := ansi.FindAllString(line, -1); len(seqs) > 0 && seqs[len(seqs)-1] != ansiReset {
					t.Errorf("width %d: colour left open: %q", width, line)
				}
			}
		}
	}
}

func TestTableColorOnlyWhenAsked(t *testing.T) {
	var plain, color bytes.Buffer
	if err := WriteTable(&plain, richResult(), TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(&color, richResult(), TableOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b") {
		t.Error("escape sequences without Color")
	}
	if !strings.Contains(color.String(), severityColor(vouch.SeverityCritical)+"CRITICAL"+ansiReset) {
		t.Error("CRITICAL not coloured with Color")
	}
	if got := ansi.ReplaceAllString(color.String(), ""); got != plain.String() {
		t.Errorf("coloured table differs from the plain one beyond escapes:\n%s", got)
	}
}

// TestTableHidesSecretsAndEscapes checks that untrusted text cannot smuggle
// terminal escapes or secret details into the table.
func TestTableHidesSecretsAndEscapes(t *testing.T) {
	r := richResult()
	r.Findings[6].Title = "evil \x1b[2Jtitle\nsecond line"
	var b bytes.Buffer
	if err := WriteTable(&b, r, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Error("escape from a finding's title reached the table")
	}
	if strings.Contains(out, "DETAIL-MARKER") {
		t.Error("a secret's detail reached the table")
	}
	if !strings.Contains(out, "AKIA************MPLE") {
		t.Error("masked secret missing from the table")
	}
}

func BenchmarkWriteTable(b *testing.B) {
	r := manyFindings(5000)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteTable(discard{}, r, TableOptions{Width: 120}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJSON(b *testing.B) {
	r := manyFindings(5000)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteJSON(discard{}, r); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// manyFindings repeats the rich result's findings over n/8 lockfiles.
func manyFindings(n int) *Result {
	r := richResult()
	base := r.Findings
	r.Findings = make([]vouch.Finding, 0, n)
	for i := 0; len(r.Findings) < n; i++ {
		for _, f := range base {
			f.Location.Path = "svc" + strings.Repeat("x", i%7) + "/" + f.Location.Path
			f.Location.Line += i
			r.Findings = append(r.Findings, f)
		}
	}
	r.Summary = Summarize(r.Findings)
	return r
}

func compileScanSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(ScanSchema))
	if err != nil {
		t.Fatalf("scan schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("scan-v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("scan-v1.schema.json")
	if err != nil {
		t.Fatalf("compile scan schema: %v", err)
	}
	return sch
}

func TestJSONValidatesAgainstScanSchema(t *testing.T) {
	sch := compileScanSchema(t)
	for name, r := range map[string]*Result{"rich": richResult(), "empty": emptyResult()} {
		var b bytes.Buffer
		if err := WriteJSON(&b, r); err != nil {
			t.Fatal(err)
		}
		if err := validate(t, sch, b.Bytes()); err != nil {
			t.Errorf("%s: JSON fails scan-v1.schema.json: %v", name, err)
		}
	}
	// And the schema is not a rubber stamp.
	bad := map[string]func(r *Result){
		"severity":               func(r *Result) { r.Findings[0].Severity = vouch.Severity(42); r.Findings[0].Kind = "vuln" },
		"suppressed without why": func(r *Result) { r.Suppressed[0].Suppressed = nil },
		"negative line":          func(r *Result) { r.Findings[0].Location.Line = -1 },
		"bad until date":         func(r *Result) { r.Suppressed[0].Suppressed.Until = "next year" },
	}
	for name, mutate := range bad {
		r := richResult()
		mutate(r)
		var b bytes.Buffer
		if err := WriteJSON(&b, r); err != nil {
			t.Fatal(err)
		}
		if err := validate(t, sch, b.Bytes()); err == nil {
			t.Errorf("%s: schema accepted an invalid result", name)
		}
	}
}
