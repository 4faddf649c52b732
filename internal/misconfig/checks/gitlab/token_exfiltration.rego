# METADATA
# title: Job sends a CI credential to another host
# description: |
#   A script that posts $CI_JOB_TOKEN, $CI_JOB_JWT or a registry password
#   with curl or wget to a host other than the GitLab instance hands that
#   credential to whoever runs the host.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/jobs/ci_job_token.html
# custom:
#   id: VCH-GLC-0008
#   severity: HIGH
#   remediation: "Send CI credentials only to $CI_SERVER_URL / $CI_API_V4_URL / $CI_REGISTRY; use ID tokens with an audience for third parties."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.token_exfiltration

import data.vouch.lib
import data.vouch.lib.gitlab

ci_secret := `\$\{?(CI_JOB_JWT(_V[12])?|CI_JOB_TOKEN|CI_REGISTRY_PASSWORD|CI_DEPLOY_PASSWORD|CI_DEPENDENCY_PROXY_PASSWORD)\b`

gitlab_host(line) if regex.match(`\$\{?(CI_SERVER_URL|CI_API_V4_URL|CI_API_GRAPHQL_URL|CI_REGISTRY|CI_SERVER_HOST|CI_PROJECT_URL)\b`, line)

gitlab_host(line) if regex.match(`https?://(gitlab\.com|registry\.gitlab\.com)[/:"' ]`, line)

deny contains lib.result_named(s.resource, s.path, sprintf("jobs.%s", [s.job.name]), "a CI credential is sent to another host") if {
	some s in gitlab.scripts
	regex.match(`\b(curl|wget)\b`, s.line)
	regex.match(ci_secret, s.line)
	regex.match(`https?://`, s.line)
	not gitlab_host(s.line)
}
