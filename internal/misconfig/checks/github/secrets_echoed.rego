# METADATA
# title: Secret is printed to the job log
# description: |
#   echo or printf of a secret relies on log masking alone, which misses
#   transformed values (base64, substrings, multi-line) and values in other
#   outputs.
# related_resources:
#   - https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow
# custom:
#   id: VCH-GHA-0009
#   severity: HIGH
#   remediation: "Do not print secrets; pass them to tools through environment variables or files."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.secrets_echoed

import data.vouch.lib
import data.vouch.lib.gha

print := `(?i)\b(echo|printf|print|write-host|write-output|cat)\b`

deny contains lib.result_named(r.resource, r.path, r.address, "a secret is printed") if {
	some r in gha.runs
	some line in split(r.script, "\n")
	regex.match(print, line)
	regex.match(`\$\{\{\s*secrets\.`, line)
	not regex.match(`\|\s*(docker|podman|helm|oras|crane|cosign|gh|npm|kubectl)\b|>>?\s*\S|::add-mask::`, line)
}

deny contains lib.result_named(s.resource, array.concat(s.path, ["run"]), s.address, sprintf("secret %s is printed", [name])) if {
	some s in gha.steps
	some name, v in object.get(s.step, "env", {})
	is_string(v)
	regex.match(`\$\{\{\s*secrets\.`, v)
	some line in split(sprintf("%v", [object.get(s.step, "run", "")]), "\n")
	regex.match(print, line)
	regex.match(sprintf(`\$\{?%s\b`, [name]), line)
	not regex.match(`\|\s*(docker|podman|helm|oras|crane|cosign|gh|npm|kubectl)\b|>>?\s*\S|::add-mask::`, line)
}
