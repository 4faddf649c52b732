// Command gen writes the evidence of a large release for bench/gate/run.sh:
// a CycloneDX SBOM of N components, a vouch scan result with the given
// numbers of vulnerabilities, secrets and misconfigurations, and a SARIF
// log, all deterministic.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"
)

func main() {
	out := flag.String("out", "evidence", "directory to write into")
	comps := flag.Int("components", 2000, "SBOM components")
	vulns := flag.Int("vulns", 400, "vulnerabilities")
	secrets := flag.Int("secrets", 50, "secrets")
	misconfigs := flag.Int("misconfigs", 50, "misconfigurations")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var cs []map[string]any
	for i := range *comps {
		lic := "MIT"
		if i%97 == 0 {
			lic = "GPL-3.0-only"
		}
		cs = append(cs, map[string]any{"type": "library", "name": fmt.Sprintf("pkg%d", i), "version": fmt.Sprintf("1.%d.0", i),
			"purl": fmt.Sprintf("pkg:npm/pkg%d@1.%d.0", i, i), "licenses": []any{map[string]any{"license": map[string]string{"id": lic}}}})
	}
	write(*out, "sbom.cdx.json", map[string]any{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": cs})

	sevs := []string{"LOW", "MEDIUM", "HIGH", "CRITICAL", "UNKNOWN"}
	var fs []map[string]any
	for i := range *vulns {
		f := map[string]any{"kind": "vulnerability", "id": fmt.Sprintf("GHSA-bench-%04d", i), "severity": sevs[i%len(sevs)],
			"location": map[string]any{"path": "package-lock.json", "line": i + 1},
			"package":  map[string]any{"ecosystem": "npm", "name": fmt.Sprintf("pkg%d", i*5), "version": "1.0.0", "purl": fmt.Sprintf("pkg:npm/pkg%d@1.0.0", i*5), "locations": []any{}}}
		if i%3 != 0 {
			f["fixedIn"] = "2.0.0"
		}
		fs = append(fs, f)
	}
	for i := range *secrets {
		fs = append(fs, map[string]any{"kind": "secret", "id": "generic-password", "severity": "HIGH", "location": map[string]any{"path": fmt.Sprintf("cfg/%d.env", i), "line": 1}})
	}
	for i := range *misconfigs {
		fs = append(fs, map[string]any{"kind": "misconfiguration", "id": fmt.Sprintf("VCH-K8S-%03d", i), "severity": sevs[i%4], "location": map[string]any{"path": fmt.Sprintf("k8s/%d.yaml", i), "line": 3}})
	}
	write(*out, "scan.json", map[string]any{
		"schemaVersion": "1", "tool": map[string]string{"name": "vouch", "version": "bench"},
		"target": map[string]string{"kind": "directory", "name": "."}, "scanners": []string{"vuln", "secret", "misconfig"},
		"packages": *comps, "findings": fs, "suppressed": []any{},
		"summary":   map[string]any{"total": len(fs), "bySeverity": map[string]int{}, "byKind": map[string]int{}, "suppressed": 0},
		"createdAt": time.Now().UTC().Truncate(time.Second).Format(time.RFC3339),
	})
	var rs []map[string]any
	for i := range 100 {
		rs = append(rs, map[string]any{"ruleId": "go/sql-injection", "ruleIndex": 0, "level": "error", "message": map[string]string{"text": "query built from user input"},
			"locations": []any{map[string]any{"physicalLocation": map[string]any{"artifactLocation": map[string]string{"uri": fmt.Sprintf("db/%d.go", i)}, "region": map[string]int{"startLine": 42}}}}})
	}
	write(*out, "codeql.sarif", map[string]any{"version": "2.1.0", "runs": []any{map[string]any{
		"tool":    map[string]any{"driver": map[string]any{"name": "CodeQL", "rules": []any{map[string]any{"id": "go/sql-injection", "properties": map[string]string{"security-severity": "8.8"}}}}},
		"results": rs}}})
}

func write(dir, name string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		log.Fatal(err)
	}
}
