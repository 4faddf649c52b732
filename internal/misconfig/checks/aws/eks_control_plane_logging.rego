# METADATA
# title: EKS control plane audit logging is not enabled
# description: |
#   Without the audit and authenticator logs, nobody can tell who did what
#   to the cluster.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# custom:
#   id: VCH-AWS-0080
#   severity: MEDIUM
#   remediation: "Set enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_eks_cluster", "AWS::EKS::Cluster"]
package vouch.checks.aws.eks_control_plane_logging

import data.vouch.lib

deny contains lib.result_at(r, ["enabled_cluster_log_types"], sprintf("control plane logs not enabled: %v", [missing])) if {
	some r in input.types["aws_eks_cluster"]
	have := {x | some x in lib.as_list(object.get(r.attributes, "enabled_cluster_log_types", []))}
	missing := {"audit", "authenticator"} - have
	count(missing) > 0
}

deny contains lib.result(r, "control plane audit logs are not enabled") if {
	some r in input.types["AWS::EKS::Cluster"]
	have := {t.Type | some t in object.get(r.attributes, ["Logging", "ClusterLogging", "EnabledTypes"], [])}
	not "audit" in have
}
