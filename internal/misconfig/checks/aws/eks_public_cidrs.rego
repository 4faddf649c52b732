# METADATA
# title: EKS public API endpoint is open to any address
# description: |
#   When the API endpoint is public, public_access_cidrs defaults to
#   0.0.0.0/0.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: VCH-AWS-0078
#   severity: HIGH
#   remediation: "Set public_access_cidrs to the ranges that administer the cluster, or make the endpoint private."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_eks_cluster", "AWS::EKS::Cluster"]
package vouch.checks.aws.eks_public_cidrs

import data.vouch.lib

public(vc) if not lib.explicitly_false(vc, "endpoint_public_access")

open_cidrs(cs) if count(cs) == 0

open_cidrs(cs) if "0.0.0.0/0" in cs

deny contains lib.result_at(r, ["vpc_config", 0, "public_access_cidrs"], "public API endpoint accepts any address") if {
	some r in input.types["aws_eks_cluster"]
	vc := lib.block(r.attributes, "vpc_config")
	public(vc)
	open_cidrs(lib.as_list(object.get(vc, "public_access_cidrs", [])))
}

deny contains lib.result_at(r, ["ResourcesVpcConfig"], "public API endpoint accepts any address") if {
	some r in input.types["AWS::EKS::Cluster"]
	vc := object.get(r.attributes, "ResourcesVpcConfig", {})
	not lib.explicitly_false(vc, "EndpointPublicAccess")
	open_cidrs(lib.as_list(object.get(vc, "PublicAccessCidrs", [])))
}
