# METADATA
# title: docker login with a literal password
# description: |
#   docker login -p <password> puts a registry credential in the repository
#   and the job's process list.
# related_resources:
#   - https://docs.gitlab.com/ee/user/packages/container_registry/authenticate_with_container_registry.html
# custom:
#   id: VCH-GLC-0002
#   severity: CRITICAL
#   remediation: "Use echo \"$CI_REGISTRY_PASSWORD\" | docker login -u \"$CI_REGISTRY_USER\" --password-stdin \"$CI_REGISTRY\"."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.docker_login_literal

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gitlab

deny contains lib.result_named(s.resource, s.path, sprintf("jobs.%s", [s.job.name]), "docker login with a literal password") if {
	some s in gitlab.scripts
	text.docker_login_password(s.line)
}
