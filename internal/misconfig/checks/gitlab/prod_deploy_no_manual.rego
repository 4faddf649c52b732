# METADATA
# title: Production deploy job runs without manual approval
# description: |
#   A job that deploys to production and runs automatically (no when:
#   manual) ships every pipeline that reaches it, with no person deciding.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/environments/deployment_approvals.html
#   - https://docs.gitlab.com/ee/ci/jobs/job_control.html#create-a-job-that-must-be-run-manually
# custom:
#   id: VCH-GLC-0004
#   severity: HIGH
#   remediation: "Add when: manual (in the job or its rules) and protect the production environment with required approvals."
#   inputs: [gitlab-ci]
#   resource_types: ["pipeline"]
package vouch.checks.gitlab.prod_deploy_no_manual

import data.vouch.lib
import data.vouch.lib.gitlab

env_name(job) := job.environment if {
	is_string(job.environment)
} else := job.environment.name if {
	is_object(job.environment)
} else := ""

production(j) if regex.match(`(?i)(^|[^a-z])(prod|production|prd|live)([^a-z]|$)`, env_name(j.job))

production(j) if {
	env_name(j.job) == ""
	regex.match(`(?i)(^|[^a-z])(prod|production)([^a-z]|$)`, j.name)
	regex.match(`(?i)deploy|release|rollout|apply`, concat(" ", [j.name, sprintf("%v", [object.get(j.job, "script", "")])]))
}

manual(job) if job.when == "manual"

manual(job) if {
	some r in object.get(job, "rules", [])
	r.when == "manual"
}

stops(job) if object.get(job.environment, "action", "") in {"stop", "prepare", "verify", "access"}

deny contains lib.result_named(j.resource, j.path, sprintf("jobs.%s", [j.name]), sprintf("job %s deploys to production without when: manual", [j.name])) if {
	some j in gitlab.jobs
	production(j)
	not manual(j.job)
	not stops(j.job)
}
