# METADATA
# description: GitLab CI helpers.
package vouch.lib.gitlab

pipeline_lite := {"address": pipeline.address, "type": pipeline.type, "name": pipeline.name}

pipeline := r if {
	some r in input.types["pipeline"]
}

# jobs holds {"resource", "name", "job", "path"} (extends already merged).
jobs contains {"resource": pipeline_lite, "name": name, "job": job, "path": ["jobs", name]} if {
	some name, job in pipeline.attributes.jobs
	is_object(job)
}

# scripts holds every script line of every job with its path.
scripts contains {"resource": j.resource, "job": j, "line": line, "path": array.concat(j.path, [key, i])} if {
	some j in jobs
	some key in ["script", "before_script", "after_script"]
	some i, line in as_lines(object.get(j.job, key, []))
	is_string(line)
}

as_lines(x) := x if {
	is_array(x)
} else := [x]

# variables holds every variable (global and per job) with its path.
variables contains {"resource": pipeline_lite, "name": k, "value": value(v), "path": ["variables", k], "address": "variables"} if {
	some k, v in object.get(pipeline.attributes, "variables", {})
}

variables contains {"resource": j.resource, "name": k, "value": value(v), "path": array.concat(j.path, ["variables", k]), "address": sprintf("jobs.%s.variables", [j.name])} if {
	some j in jobs
	some k, v in object.get(j.job, "variables", {})
}

# value: variables may be "x" or {value: "x", description: …}.
value(v) := v.value if {
	is_object(v)
} else := v
