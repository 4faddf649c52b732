# METADATA
# description: |
#   Helpers every check may use. The input of a check is one document:
#     {"kind": "terraform", "path": "infra", "format": "",
#      "resources": [{"type": "aws_s3_bucket", "name": "data",
#                     "address": "aws_s3_bucket.data", "path": "infra/s3.tf",
#                     "attributes": {…}}]}
#   A check's deny set holds results made with result/result_at.
package vouch.lib

# result reports resource r.
result(r, msg) := {"msg": msg, "resource": r.address}

# result_at reports an attribute of r; path is a list of keys and indexes
# ("ingress", 0, "cidr_blocks") that narrows the lines shown.
result_at(r, path, msg) := {"msg": msg, "resource": r.address, "path": path}

# result_named reports a part of r under its own address
# ("jobs.deploy.steps[2]").
result_named(r, path, address, msg) := {"msg": msg, "resource": r.address, "path": path, "address": address}

# lite is the part of a resource that results and messages need. Helper
# sets carry it instead of the whole resource: Rego copies what a set
# element holds every time a rule uses it.
lite(r) := {"address": r.address, "type": r.type, "name": r.name}

# resources of one type (input.types indexes them; iterating it is much
# cheaper than filtering input.resources).
resources(t) := object.get(input.types, t, [])

# is_true holds for true and for the strings "true"/"True" (CloudFormation
# and YAML values are often strings).
is_true(x) if x == true

is_true(x) if {
	is_string(x)
	lower(x) == "true"
}

is_false(x) if x == false

is_false(x) if {
	is_string(x)
	lower(x) == "false"
}

# has holds when obj has key, whatever its value (false included).
has(obj, key) if {
	_ = obj[key]
	obj[key] != null
}

# not_true holds when obj[key] is missing, null or false: a setting that
# defaults to off and was not switched on.
not_true(obj, key) if not has(obj, key)

not_true(obj, key) if is_false(obj[key])

# explicitly_false holds when obj[key] is false (not merely missing).
explicitly_false(obj, key) if is_false(obj[key])

# blocks returns the nested blocks called name (Terraform blocks are lists
# of objects, as in plan JSON), or an empty list.
blocks(obj, name) := b if {
	b := obj[name]
	is_array(b)
} else := [b] if {
	b := obj[name]
	is_object(b)
} else := []

# block returns the first nested block called name, or {}.
block(obj, name) := b if {
	bs := blocks(obj, name)
	count(bs) > 0
	b := bs[0]
} else := {}

# as_list turns a value into a list: lists as they are, one value as a
# list of one, null as empty.
as_list(x) := x if {
	is_array(x)
} else := [] if {
	x == null
} else := [x]

# known holds when x is a value known before apply: not a reference to
# another resource, a variable without a value, or an expression that
# could not be evaluated (those are kept as their source text).
known(x) if not is_string(x)

known(x) if {
	is_string(x)
	not unresolved(x)
}

unresolved(x) if regex.match(`^(var|local|module|data)\.[A-Za-z_]`, x)

unresolved(x) if regex.match(`^[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*(\[[^\]]*\])?\.`, x)

unresolved(x) if contains(x, "${")

unresolved(x) if x == "(known after apply)"

# refers_to holds when value v (an attribute that names another resource,
# such as a bucket's id) points at resource r: by reference
# ("aws_s3_bucket.logs.id") or by a literal name or id r also carries.
refers_to(v, r) if {
	is_string(v)
	startswith(v, concat("", [r.address, "."]))
}

refers_to(v, r) if {
	is_string(v)
	v == r.address
}

refers_to(v, r) if {
	is_string(v)
	some k in ["bucket", "id", "name", "arn"]
	v == r.attributes[k]
	v != ""
}

# CloudFormation: {"Ref": "LogicalId"} or {"Fn::GetAtt": ["LogicalId", …]}.
refers_to(v, r) if {
	is_object(v)
	v.Ref == r.name
}

refers_to(v, r) if {
	is_object(v)
	v["Fn::GetAtt"][0] == r.name
}

# lower_all lowercases a list of strings (non-strings dropped).
lower_all(xs) := [lower(x) | some x in as_list(xs); is_string(x)]

# open_cidr holds for addresses that mean "anywhere".
open_cidr(c) if c in {"0.0.0.0/0", "::/0", "*", "0.0.0.0", "Internet", "any", "Any", "internet", "<nw>/0", "/0"}
