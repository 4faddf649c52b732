# METADATA
# title: EKS API endpoint is public
# description: |
#   The cluster's Kubernetes API is reachable from the internet (the
#   default). Only the API's own authentication protects it.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: VCH-AWS-0077
#   severity: MEDIUM
#   remediation: "Set endpoint_public_access = false and endpoint_private_access = true; reach the API through the VPC."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_eks_cluster", "AWS::EKS::Cluster"]
package vouch.checks.aws.eks_public_endpoint

import data.vouch.lib

deny contains lib.result_at(r, ["vpc_config", 0, "endpoint_public_access"], "cluster API endpoint is public") if {
	some r in input.types["aws_eks_cluster"]
	not lib.explicitly_false(lib.block(r.attributes, "vpc_config"), "endpoint_public_access")
}

deny contains lib.result_at(r, ["ResourcesVpcConfig"], "cluster API endpoint is public") if {
	some r in input.types["AWS::EKS::Cluster"]
	not lib.explicitly_false(object.get(r.attributes, "ResourcesVpcConfig", {}), "EndpointPublicAccess")
}
