# METADATA
# description: |
#   GitHub Actions helpers: jobs and steps of workflows and composite
#   actions, with their paths and addresses.
package vouch.lib.gha

lite(r) := {"address": r.address, "type": r.type, "name": r.name}

workflow := r if {
	some r in input.types["workflow"]
}

# jobs holds {"resource", "id", "job", "path"}.
jobs contains {"resource": lite(r), "id": id, "job": job, "path": ["jobs", id]} if {
	some r in input.types["workflow"]
	some id, job in r.attributes.jobs
	is_object(job)
}

# steps holds {"resource", "job_id", "job", "step", "index", "path",
# "address"} for workflow steps and composite action steps.
steps contains {
	"resource": j.resource, "job_id": j.id, "step": s, "index": i,
	"path": array.concat(j.path, ["steps", i]),
	"address": sprintf("jobs.%s.steps[%d]", [j.id, i]),
} if {
	some j in jobs
	some i, s in object.get(j.job, "steps", [])
	is_object(s)
}

steps contains {
	"resource": lite(r), "job_id": "", "step": s, "index": i,
	"path": ["runs", "steps", i],
	"address": sprintf("runs.steps[%d]", [i]),
} if {
	some r in input.types["action"]
	some i, s in object.get(r.attributes, ["runs", "steps"], [])
	is_object(s)
}

# triggers is the set of events a workflow runs on.
triggers contains t if {
	t := workflow.attributes.on
	is_string(t)
}

triggers contains t if {
	some t in workflow.attributes.on
	is_string(t)
}

triggers contains t if {
	is_object(workflow.attributes.on)
	some t, _ in workflow.attributes.on
}

# uses_action: step s uses action name (owner/repo), any version.
uses_action(s, name) if {
	u := lower(s.uses)
	startswith(u, concat("", [lower(name), "@"]))
}

# env_maps lists every env block with its path: workflow, job and step.
env_maps contains {"resource": lite(r), "env": r.attributes.env, "path": ["env"], "address": "env"} if {
	r := workflow
	is_object(r.attributes.env)
}

env_maps contains {"resource": j.resource, "env": j.job.env, "path": array.concat(j.path, ["env"]), "address": sprintf("jobs.%s.env", [j.id])} if {
	some j in jobs
	is_object(j.job.env)
}

env_maps contains {"resource": s.resource, "env": s.step.env, "path": array.concat(s.path, ["env"]), "address": s.address} if {
	some s in steps
	is_object(s.step.env)
}

# run scripts of steps.
runs contains {"resource": s.resource, "script": s.step.run, "path": array.concat(s.path, ["run"]), "address": s.address} if {
	some s in steps
	is_string(s.step.run)
}

# prod holds for text that names production.
prod(s) if regex.match(`(?i)(^|[^a-z])(prod|production|prd|live)([^a-z]|$)`, s)

# job_text is what a job says about itself: id, name, step names, runs,
# inputs and env values.
job_text(j) := concat("\n", [x |
	some x in array.concat([j.id, sprintf("%v", [object.get(j.job, "name", "")])], [v |
		some s in object.get(j.job, "steps", [])
		some v in step_text(s)
	])
])

step_text(s) := array.concat(
	[v | some k in ["name", "run", "uses"]; v := sprintf("%v", [s[k]])],
	[sprintf("%v", [v]) | some _, v in object.get(s, "with", {})],
)
