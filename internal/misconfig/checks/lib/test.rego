# METADATA
# description: |
#   Input builders for check unit tests (*_test.rego), built-in and custom:
#     count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"acl": "public-read"})
package vouch.test

# doc builds an input document: resources and their index by type.
doc(kind, path, format, rs) := {"kind": kind, "path": path, "format": format, "resources": rs, "types": index(rs)}

index(rs) := {t: [r | some r in rs; r.type == t] | some x in rs; t := x.type}

# A Terraform document with one resource, address TYPE.this.
tf(type, attrs) := tf_all([[type, "this", attrs]])

# A Terraform document with several resources: [[type, name, attrs], …].
tf_all(rs) := doc("terraform", ".", "", [res(r[0], r[1], r[2]) | some r in rs])

res(type, name, attrs) := {
	"type": type, "name": name, "address": sprintf("%s.%s", [type, name]),
	"path": "main.tf", "attributes": attrs,
}

# A CloudFormation document with one resource, logical id Res.
cfn(type, props) := cfn_all([[type, "Res", props]])

cfn_all(rs) := doc("cloudformation", "template.yaml", "", [
{"type": r[0], "name": r[1], "address": r[1], "path": "template.yaml", "attributes": r[2]} |
	some r in rs
])

# A Kubernetes document with one object.
k8s(obj) := doc("kubernetes", "k8s.yaml", "", [{
	"type": obj.kind, "name": object.get(obj, ["metadata", "name"], ""),
	"address": sprintf("%s/%s", [obj.kind, object.get(obj, ["metadata", "name"], "")]),
	"path": "k8s.yaml", "attributes": obj,
}])

# A Pod with the given spec.
pod(spec) := k8s({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "app"}, "spec": spec})

# A Deployment whose pod template has the given spec.
deployment(spec) := k8s({
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "app"},
	"spec": {"template": {"spec": spec}},
})

# A Pod with one container: a well-behaved one, changed by c.
container(c) := pod({"containers": [object.union(good_container, c)]})

good_container := {
	"name": "app", "image": "registry.example.com/app:1.4.2",
	"securityContext": {
		"allowPrivilegeEscalation": false, "runAsNonRoot": true, "runAsUser": 10001,
		"readOnlyRootFilesystem": true, "capabilities": {"drop": ["ALL"]},
		"seccompProfile": {"type": "RuntimeDefault"},
	},
	"resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}},
}

# A Dockerfile document; stages is a list of [from, [commands]] and the
# last stage is the final one. Commands come from cmd/2.
dockerfile(stages) := doc("dockerfile", "Dockerfile", "", [{
	"type": "stage", "name": "", "address": sprintf("stage %d", [i]), "path": "Dockerfile",
	"attributes": {
		"name": "", "index": i, "last": i == count(stages) - 1, "flags": [],
		"from": image(s[0]), "commands": s[1],
	},
} |
	some i, s in stages
])

image(ref) := {"ref": ref, "image": img, "tag": tag, "digest": digest, "stage": false, "scratch": ref == "scratch"} if {
	parts := split(ref, "@")
	digest := nth(parts, 1)
	name := parts[0]
	segs := split(name, "/")
	last := segs[count(segs) - 1]
	tp := split(last, ":")
	tag := nth(tp, 1)
	img := trim_suffix(name, concat("", [":", tag]))
}

# cmd("run", "apt-get update") is one instruction.
cmd(name, arg) := {
	"cmd": name, "args": [arg], "flags": [], "json": false, "heredocs": [],
	"original": sprintf("%s %s", [upper(name), arg]), "pairs": pairs(name, arg),
}

pairs(name, arg) := [{"key": kv[0], "value": nth(kv, 1), "default": count(kv) > 1} |
	name in {"env", "arg", "label"}
	some p in split(arg, " ")
	kv := split(p, "=")
]

# A GitHub Actions workflow document.
gha(workflow) := doc("github-actions", ".github/workflows/ci.yml", "", [{
	"type": "workflow", "name": "", "address": "workflow", "path": ".github/workflows/ci.yml", "attributes": workflow,
}])

# A workflow with one job on push.
gha_job(job) := gha({"on": "push", "permissions": {"contents": "read"}, "jobs": {"build": object.union({"runs-on": "ubuntu-latest"}, job)}})

# A workflow with one job running the given steps.
gha_steps(steps) := gha_job({"steps": steps})

# A composite action document.
gha_action(action) := doc("github-actions", "action.yml", "action", [{
	"type": "action", "name": "", "address": "action", "path": "action.yml", "attributes": action,
}])

# A GitLab CI document; attrs holds global keys and "jobs".
gitlab(attrs) := doc("gitlab-ci", ".gitlab-ci.yml", "", [{
	"type": "pipeline", "name": ".gitlab-ci.yml", "address": "pipeline", "path": ".gitlab-ci.yml", "attributes": attrs,
}])

# An IAM policy document on its own.
iam(document) := doc("iam-policy", "policy.json", "", [{
	"type": "iam_policy", "name": "policy.json", "address": "policy.json", "path": "policy.json", "attributes": document,
}])

nth(xs, i) := xs[i] if {
	count(xs) > i
} else := ""
