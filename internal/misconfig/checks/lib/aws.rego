# METADATA
# description: |
#   AWS helpers shared by Terraform and CloudFormation checks: IAM policy
#   documents wherever they are written, and security group rules.
package vouch.lib.aws

import data.vouch.lib

# ---------------------------------------------------------------------------
# IAM policy documents.
#
# policies holds one entry per policy document found in the input:
#   {"resource": lib.lite(r), "path": [...], "kind": "identity" | "resource" | "trust",
#    "doc": {"Version": …, "Statement": …}}

# Terraform: policies written as JSON strings or jsonencode().
tf_identity_policy := {
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
	"aws_ssoadmin_permission_set_inline_policy": "inline_policy",
}

tf_resource_policy := {
	"aws_s3_bucket_policy": "policy",
	"aws_s3_bucket": "policy",
	"aws_sqs_queue_policy": "policy",
	"aws_sqs_queue": "policy",
	"aws_sns_topic_policy": "policy",
	"aws_sns_topic": "policy",
	"aws_ecr_repository_policy": "policy",
	"aws_kms_key": "policy",
	"aws_secretsmanager_secret_policy": "policy",
	"aws_elasticsearch_domain_policy": "access_policies",
	"aws_elasticsearch_domain": "access_policies",
	"aws_opensearch_domain_policy": "access_policies",
	"aws_opensearch_domain": "access_policies",
}

policies contains {"resource": lib.lite(r), "path": [attr], "kind": "identity", "doc": doc} if {
	input.kind == "terraform"
	some ty, attr in tf_identity_policy
	some r in input.types[ty]
	doc := as_doc(r.attributes[attr])
}

policies contains {"resource": lib.lite(r), "path": ["inline_policy", i, "policy"], "kind": "identity", "doc": doc} if {
	input.kind == "terraform"
	some r in input.types["aws_iam_role"]
	some i, p in lib.blocks(r.attributes, "inline_policy")
	doc := as_doc(p.policy)
}

policies contains {"resource": lib.lite(r), "path": ["assume_role_policy"], "kind": "trust", "doc": doc} if {
	input.kind == "terraform"
	some r in input.types["aws_iam_role"]
	doc := as_doc(r.attributes.assume_role_policy)
}

policies contains {"resource": lib.lite(r), "path": [attr], "kind": "resource", "doc": doc} if {
	input.kind == "terraform"
	some ty, attr in tf_resource_policy
	some r in input.types[ty]
	doc := as_doc(r.attributes[attr])
}

# Terraform: data "aws_iam_policy_document", written as HCL blocks.
policies contains {"resource": lib.lite(r), "path": [], "kind": "document", "doc": doc} if {
	input.kind == "terraform"
	some r in input.types["aws_iam_policy_document"]
	doc := {"Version": "2012-10-17", "Statement": [hcl_statement(s) | some s in lib.blocks(r.attributes, "statement")]}
}

hcl_statement(s) := {k: v |
	some k, v in {
		"Effect": object.get(s, "effect", "Allow"),
		"Action": object.get(s, "actions", null),
		"NotAction": object.get(s, "not_actions", null),
		"Resource": object.get(s, "resources", null),
		"NotResource": object.get(s, "not_resources", null),
		"Principal": hcl_principals(lib.blocks(s, "principals")),
		"NotPrincipal": hcl_principals(lib.blocks(s, "not_principals")),
		"Condition": hcl_conditions(lib.blocks(s, "condition")),
	}
	v != null
}

hcl_principals(ps) := null if {
	count(ps) == 0
} else := "*" if {
	some p in ps
	p.type == "*"
} else := {t: ids |
	some p in ps
	t := p.type
	ids := [id | some q in ps; q.type == t; some id in lib.as_list(q.identifiers)]
}

hcl_conditions(cs) := null if {
	count(cs) == 0
} else := {op: {v: vals |
	some c2 in cs
	c2.test == op
	v := c2.variable
	vals := lib.as_list(c2.values)
} |
	some c in cs
	op := c.test
}

# CloudFormation.
cfn_identity := {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}

cfn_inline := {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}

cfn_resource_policy := {"AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"}

policies contains {"resource": lib.lite(r), "path": ["PolicyDocument"], "kind": "identity", "doc": doc} if {
	input.kind == "cloudformation"
	some ty in cfn_identity
	some r in input.types[ty]
	doc := as_doc(r.attributes.PolicyDocument)
}

policies contains {"resource": lib.lite(r), "path": ["Policies", i, "PolicyDocument"], "kind": "identity", "doc": doc} if {
	input.kind == "cloudformation"
	some ty in cfn_inline
	some r in input.types[ty]
	some i, p in r.attributes.Policies
	doc := as_doc(p.PolicyDocument)
}

policies contains {"resource": lib.lite(r), "path": ["AssumeRolePolicyDocument"], "kind": "trust", "doc": doc} if {
	input.kind == "cloudformation"
	some r in input.types["AWS::IAM::Role"]
	doc := as_doc(r.attributes.AssumeRolePolicyDocument)
}

policies contains {"resource": lib.lite(r), "path": ["PolicyDocument"], "kind": "resource", "doc": doc} if {
	input.kind == "cloudformation"
	some ty in cfn_resource_policy
	some r in input.types[ty]
	doc := as_doc(r.attributes.PolicyDocument)
}

# A policy document on its own.
policies contains {"resource": lib.lite(r), "path": [], "kind": kind, "doc": r.attributes} if {
	input.kind == "iam-policy"
	some r in input.resources
	kind := standalone_kind(r.attributes)
}

standalone_kind(doc) := "resource" if {
	some s in lib.as_list(doc.Statement)
	s.Principal
} else := "identity"

as_doc(x) := json.unmarshal(x) if {
	is_string(x)
	json.is_valid(x)
} else := x if {
	is_object(x)
	x.Statement
}

# statements normalises the statements of a policy entry p:
#   {"effect", "actions", "not_actions", "resources", "not_resources",
#    "principals" (every principal value, "*" for anyone),
#    "conditions", "path"}
statements(p) := [st |
	some i, s in lib.as_list(p.doc.Statement)
	is_object(s)
	st := {
		"effect": object.get(s, "Effect", "Allow"),
		"actions": lib.as_list(object.get(s, "Action", [])),
		"not_actions": lib.as_list(object.get(s, "NotAction", [])),
		"resources": lib.as_list(object.get(s, "Resource", [])),
		"not_resources": lib.as_list(object.get(s, "NotResource", [])),
		"principals": principal_values(object.get(s, "Principal", [])),
		"conditions": object.get(s, "Condition", {}),
		"path": statement_path(p, i),
	}
]

statement_path(p, i) := array.concat(p.path, ["statement", i]) if {
	p.resource.type == "aws_iam_policy_document"
} else := array.concat(p.path, ["Statement", i]) if {
	p.resource.type != "aws_iam_policy_document"
	input.kind != "terraform"
} else := p.path

principal_values(x) := [x] if {
	is_string(x)
} else := [v | some _, vs in x; some v in lib.as_list(vs)] if {
	is_object(x)
} else := []

allow(st) if st.effect == "Allow"

# wildcard_action: "*" itself.
wildcard_action(st) if "*" in st.actions

wildcard_resource(st) if "*" in st.resources

# service_wildcard: "s3:*", "iam:*".
service_wildcard(st) := a if {
	some a in st.actions
	is_string(a)
	endswith(a, ":*")
}

# ---------------------------------------------------------------------------
# Security group rules, Terraform and CloudFormation alike:
#   {"resource": lib.lite(r), "path": [...], "direction": "ingress" | "egress",
#    "protocol": "tcp" | "-1" | …, "from": n, "to": n,
#    "cidrs": [...], "description": "…"}

sg_rules contains rule if {
	input.kind == "terraform"
	some r in input.types["aws_security_group"]
	some dir in ["ingress", "egress"]
	some i, b in lib.blocks(r.attributes, dir)
	rule := tf_rule(r, [dir, i], dir, b)
}

sg_rules contains rule if {
	input.kind == "terraform"
	some r in input.types["aws_security_group_rule"]
	rule := tf_rule(r, [], r.attributes.type, r.attributes)
}

sg_rules contains rule if {
	input.kind == "terraform"
	some dir, ty in {"ingress": "aws_vpc_security_group_ingress_rule", "egress": "aws_vpc_security_group_egress_rule"}
	some r in input.types[ty]
	rule := {
		"resource": lib.lite(r), "path": [], "direction": dir,
		"protocol": lower(sprintf("%v", [object.get(r.attributes, "ip_protocol", "-1")])),
		"from": port(object.get(r.attributes, "from_port", 0)),
		"to": port(object.get(r.attributes, "to_port", 65535)),
		"cidrs": [c | some k in ["cidr_ipv4", "cidr_ipv6"]; c := r.attributes[k]; is_string(c)],
		"description": object.get(r.attributes, "description", ""),
	}
}

tf_rule(r, path, dir, b) := {
	"resource": lib.lite(r), "path": path, "direction": dir,
	"protocol": lower(sprintf("%v", [object.get(b, "protocol", "-1")])),
	"from": port(object.get(b, "from_port", 0)),
	"to": port(object.get(b, "to_port", 65535)),
	"cidrs": array.concat(lib.as_list(object.get(b, "cidr_blocks", [])), lib.as_list(object.get(b, "ipv6_cidr_blocks", []))),
	"description": object.get(b, "description", ""),
}

sg_rules contains rule if {
	input.kind == "cloudformation"
	some r in input.types["AWS::EC2::SecurityGroup"]
	some dir, key in {"ingress": "SecurityGroupIngress", "egress": "SecurityGroupEgress"}
	some i, b in lib.as_list(r.attributes[key])
	rule := cfn_rule(r, [key, i], dir, b)
}

sg_rules contains rule if {
	input.kind == "cloudformation"
	some dir, ty in {"ingress": "AWS::EC2::SecurityGroupIngress", "egress": "AWS::EC2::SecurityGroupEgress"}
	some r in input.types[ty]
	rule := cfn_rule(r, [], dir, r.attributes)
}

cfn_rule(r, path, dir, b) := {
	"resource": lib.lite(r), "path": path, "direction": dir,
	"protocol": lower(sprintf("%v", [object.get(b, "IpProtocol", "-1")])),
	"from": port(object.get(b, "FromPort", 0)),
	"to": port(object.get(b, "ToPort", 65535)),
	"cidrs": [c | some k in ["CidrIp", "CidrIpv6"]; c := b[k]; is_string(c)],
	"description": object.get(b, "Description", ""),
}

port(x) := x if {
	is_number(x)
} else := to_number(x) if {
	is_string(x)
	regex.match(`^-?[0-9]+$`, x)
} else := -1

# all_ports: protocol -1 ("all") or a range covering every port.
all_ports(rule) if rule.protocol in {"-1", "all"}

all_ports(rule) if {
	rule.from <= 0
	rule.to >= 65535
}

all_ports(rule) if {
	rule.from == -1
	rule.to == -1
}

covers(rule, p) if all_ports(rule)

covers(rule, p) if {
	rule.protocol in {"tcp", "6", "udp", "17"}
	rule.from <= p
	p <= rule.to
	rule.from >= 0
}

public_rule(rule) if {
	some c in rule.cidrs
	c in {"0.0.0.0/0", "::/0"}
}
