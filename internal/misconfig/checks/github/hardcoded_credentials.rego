# METADATA
# title: Workflow has a hard-coded credential
# description: |
#   A password, token or key written in a workflow is readable by everyone
#   who can read the repository, forks included, forever in its history. CI
#   credentials are often short and simple (MYSQL_ROOT_PASSWORD: root); they
#   are flagged by name and context, not entropy.
# related_resources:
#   - https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions
# custom:
#   id: VCH-GHA-0001
#   severity: CRITICAL
#   remediation: "Store the value as an encrypted secret and reference it: ${{ secrets.NAME }}."
#   inputs: [github-actions]
#   resource_types: ["workflow", "action"]
package vouch.checks.github.hardcoded_credentials

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.gha

deny contains lib.result_named(e.resource, array.concat(e.path, [k]), e.address, sprintf("env %s holds a literal credential", [k])) if {
	some e in gha.env_maps
	some k, v in e.env
	leaked(k, v)
}

deny contains lib.result_named(s.resource, array.concat(s.path, ["with", k]), s.address, sprintf("input %s is a literal credential", [k])) if {
	some s in gha.steps
	some k, v in object.get(s.step, "with", {})
	leaked(k, v)
}

# Service containers and job containers: credentials and env.
deny contains lib.result_named(j.resource, array.concat(j.path, p), sprintf("jobs.%s", [j.id]), sprintf("%s holds a literal credential", [concat(".", [sprintf("%v", [x]) | some x in p])])) if {
	some j in gha.jobs
	some p, v in containers(j.job)
	leaked(p[count(p) - 1], v)
}

containers(job) := {p: v |
	some x in container_list(job)
	some k in ["env", "credentials"]
	some name, v in object.get(x[1], k, {})
	p := array.concat(x[0], [k, name])
}

container_list(job) := array.concat(
	[[["container"], job.container] | is_object(job.container)],
	[[["services", n], svc] | some n, svc in object.get(job, "services", {}); is_object(svc)],
)

leaked(k, v) if {
	text.secret_name(k)
	text.literal(v)
}

leaked(_, v) if {
	is_string(v)
	text.aws_key(v)
}
