# METADATA
# title: docker login with a literal password
# description: |
#   docker login -p <password> (or the login action with a literal password)
#   puts a registry credential in the repository and in the job log's
#   process list.
# related_resources:
#   - https://docs.docker.com/reference/cli/docker/login/#password-stdin
# custom:
#   id: VCH-GHA-0002
#   severity: CRITICAL
#   remediation: "Use echo \"${{ secrets.REGISTRY_TOKEN }}\" | docker login -u USER --password-stdin, or docker/login-action with password: ${{ secrets.\u2026 }}."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.docker_login_literal

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gha

deny contains lib.result_named(r.resource, r.path, r.address, "docker login with a literal password") if {
	some r in gha.runs
	text.docker_login_password(r.script)
}

deny contains lib.result_named(s.resource, array.concat(s.path, ["with", "password"]), s.address, "login action with a literal password") if {
	some s in gha.steps
	is_string(s.step.uses)
	contains(lower(s.step.uses), "login-action@")
	text.literal(s.step["with"].password)
}
