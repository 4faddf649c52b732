# METADATA
# title: Production deploy job has no environment (no approval gate)
# description: |
#   A job that deploys to production without an environment: key skips
#   environment protection rules, so no required reviewer approves it and no
#   branch restriction applies.
# related_resources:
#   - https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#required-reviewers
# custom:
#   id: VCH-GHA-0008
#   severity: HIGH
#   remediation: "Add environment: production to the job and configure required reviewers and deployment branches for it."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.prod_deploy_no_environment

import data.vouch.lib
import data.vouch.lib.gha

deploy_words := `(?i)(deploy|release|publish|rollout|promote|provision|ship)`

deploy_cmd := `(?i)(kubectl\s+(apply|set\s+image|rollout)|helm\s+(upgrade|install)|terraform\s+apply|tofu\s+apply|pulumi\s+up|cdk\s+deploy|serverless\s+deploy|sls\s+deploy|gcloud\s+[^\n]*deploy|aws\s+[^\n]*(deploy|update-service|update-function-code)|az\s+[^\n]*(deploy|create)|ansible-playbook|flyctl\s+deploy|vercel\s+[^\n]*--prod|netlify\s+deploy\s+[^\n]*--prod|eb\s+deploy|kustomize\s+build[^\n]*\|\s*kubectl\s+apply|argocd\s+app\s+sync)`

deploys(j) if regex.match(deploy_words, sprintf("%s %v", [j.id, object.get(j.job, "name", "")]))

deploys(j) if {
	some s in object.get(j.job, "steps", [])
	regex.match(deploy_cmd, sprintf("%v", [object.get(s, "run", "")]))
}

deploys(j) if {
	some s in object.get(j.job, "steps", [])
	regex.match(`(?i)deploy`, sprintf("%v", [object.get(s, "uses", "")]))
}

production(j) if gha.prod(sprintf("%s %v", [j.id, object.get(j.job, "name", "")]))

production(j) if {
	deploys(j)
	gha.prod(gha.job_text(j))
}

production(j) if {
	some _, v in object.get(j.job, "env", {})
	gha.prod(sprintf("%v", [v]))
}

deny contains lib.result_named(j.resource, j.path, sprintf("jobs.%s", [j.id]), sprintf("job %s deploys to production without an environment", [j.id])) if {
	some j in gha.jobs
	not j.job.uses
	deploys(j)
	production(j)
	not lib.has(j.job, "environment")
}
