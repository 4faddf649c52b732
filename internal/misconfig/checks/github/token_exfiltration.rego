# METADATA
# title: Step sends a secret to another host
# description: |
#   curl or wget posting ${{ secrets.… }}, ${{ github.token }} or
#   $GITHUB_TOKEN as data or in a URL hands the credential to whoever runs
#   that host, as a compromised action or script would.
# related_resources:
#   - https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#considering-cross-repository-access
# custom:
#   id: VCH-GHA-0016
#   severity: HIGH
#   remediation: "Send credentials only in headers to the service they belong to; prefer OIDC (id-token: write) for third parties."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.token_exfiltration

import data.vouch.lib
import data.vouch.lib.gha

secret := `(\$\{\{\s*(secrets\.[A-Za-z0-9_]+|github\.token)\s*\}\}|\$\{?GITHUB_TOKEN\b)`

github_host(line) if regex.match(`https?://(api\.github\.com|uploads\.github\.com|github\.com|ghcr\.io|[a-z0-9.-]*githubusercontent\.com)[/:"' ]`, line)

deny contains lib.result_named(r.resource, r.path, r.address, "a secret is sent to another host") if {
	some r in gha.runs
	some line in split(r.script, "\n")
	regex.match(`\b(curl|wget)\b`, line)
	regex.match(concat("", [`(\s(-d|--data[a-z-]*|-F|--form|--post-data|--body-data|--upload-file)(=|\s+)["']?[^\s]*`, secret, `|https?://[^\s"']*`, secret, `)`]), line)
	not github_host(line)
}
