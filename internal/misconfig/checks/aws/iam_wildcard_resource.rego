# METADATA
# title: IAM policy allows write actions on every resource
# description: |
#   Resource "*" with actions that change or delete things lets the holder
#   act on every resource of those services in the account, not only the
#   ones it owns. Read-only actions (Describe, List, Get) are not flagged.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: VCH-AWS-0015
#   severity: MEDIUM
#   remediation: "Scope Resource to the ARNs the role works on."
#   inputs: [terraform, cloudformation, iam-policy]
#   resource_types: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_iam_policy_document", "aws_ssoadmin_permission_set_inline_policy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
package vouch.checks.aws.iam_wildcard_resource

import data.vouch.lib
import data.vouch.lib.aws

read_only(a) if regex.match(`^[A-Za-z0-9-]+:(Describe|List|Get|BatchGet|Head|View|Search|Lookup|Query|Scan|Select|Check|Validate|Test|Estimate|Preview|Simulate)`, a)

# Actions that have no resource-level permissions (IAM must say "*").
global_only(a) if lower(a) in {"sts:getcalleridentity", "ec2:describe*", "logs:createloggroup", "cloudwatch:putmetricdata", "xray:puttracesegments", "xray:puttelemetryrecords", "ecr:getauthorizationtoken"}

deny contains lib.result_at(p.resource, st.path, sprintf("policy allows %v on every resource", [writes])) if {
	some p in aws.policies
	p.kind in {"identity", "document"}
	some st in aws.statements(p)
	aws.allow(st)
	aws.wildcard_resource(st)
	not aws.wildcard_action(st)
	writes := [a | some a in st.actions; is_string(a); not read_only(a); not global_only(a)]
	count(writes) > 0
}
