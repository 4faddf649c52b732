package secrets

import (
	"strings"
	"testing"
)

// benchText is ordinary source with the words scanners key on used as
// names, never as values, and one real-looking token per ~100 lines.
func benchText(n int) []byte {
	var b strings.Builder
	gh := tok("bench", "{gh:ghp_}")
	lines := []string{
		"func (s *Service) LoadAccount(ctx context.Context, id string) (*Account, error) {",
		"\ttoken, err := s.auth.TokenFor(ctx, s.tenant)",
		"\tif err != nil {",
		"\t\treturn nil, fmt.Errorf(\"load account %s: %w\", id, err)",
		"\tpassword := os.Getenv(\"DB_PASSWORD\")",
		"\tresp, err := s.client.Get(ctx, \"/v1/accounts/\"+id, token)",
		"  \"secretRef\": \"payments-secret\",",
		"2024-05-01T12:00:00.123Z INFO  boot: request_id=9f86d081884c7d65 status=200 duration=12ms",
	}
	for i := 0; b.Len() < n; i++ {
		b.WriteString(lines[i%len(lines)])
		b.WriteByte('\n')
		if i%100 == 99 {
			b.WriteString("GITHUB_TOKEN=" + gh + "\n")
		}
	}
	return []byte(b.String())
}

func BenchmarkKeywordScan(b *testing.B) {
	s := newTestScanner(b)
	data := benchText(4 << 20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		s.kw.scan(data, func(id, pos int) { n++ })
	}
}

func BenchmarkScanBytes(b *testing.B) {
	s := newTestScanner(b)
	data := benchText(4 << 20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.ScanBytes("internal/account/service.go", data)
	}
}

func BenchmarkScanMinified(b *testing.B) {
	s := newTestScanner(b)
	data := []byte(strings.Repeat("function a(e,t){var n=e.token||t.auth;return n?fetch(\"/api\",{headers:{Authorization:\"Bearer \"+n}}):null};", 40000))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.ScanBytes("dist/app.js", data)
	}
}
