package misconfig

import (
	"context"
	"testing"
)

// TestCorpus scans files from deliberately insecure public projects
// (testdata/corpus, with their licences) and holds the result to
// testdata/corpus.golden, and to the flaws each project documents.
func TestCorpus(t *testing.T) {
	fs, errs, err := testScanner(t).ScanDir(context.Background(), "testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("unexpected per-file error: %v", e)
	}
	golden(t, "corpus.golden", render(fs))
	for _, w := range []want{
		// cloud_breach_s3 is about SSRF against IMDSv1 and a public IP.
		{id: "VCH-AWS-0035", path: "cloudgoat/scenarios/aws/cloud_breach_s3/terraform/ec2.tf"},
		// TerraGoat: keys in user data and Lambda environment, a public
		// database, SSH open to the world, an unencrypted EBS volume.
		{id: "VCH-AWS-0039", path: "terragoat/terraform/aws/ec2.tf", resource: "aws_instance.web_host"},
		{id: "VCH-AWS-0074", path: "terragoat/terraform/aws/lambda.tf", resource: "aws_lambda_function.analysis_lambda"},
		{id: "VCH-AWS-0042", path: "terragoat/terraform/aws/db-app.tf", resource: "aws_db_instance.default"},
		{id: "VCH-AWS-0023", path: "terragoat/terraform/aws/ec2.tf", resource: "aws_security_group.web-node"},
		{id: "VCH-AWS-0037", path: "terragoat/terraform/aws/ec2.tf", resource: "aws_ebs_volume.web_host_storage"},
		{id: "VCH-AWS-0066", path: "terragoat/terraform/aws/ecr.tf", resource: "aws_ecr_repository.repository"},
		{id: "VCH-AZU-0005", path: "terragoat/terraform/azure/networking.tf", resource: "azurerm_network_security_group.bad_sg"},
		{id: "VCH-GCP-0015", path: "terragoat/terraform/gcp/gke.tf", resource: "google_container_cluster.workload_cluster"},
		{id: "VCH-GCP-0010", path: "terragoat/terraform/gcp/instances.tf", resource: "google_compute_instance.server"},
		{id: "VCH-GLC-0005", path: "terragoat/gitlabci/bla.yml"},
		// Kubernetes Goat: a service account bound to cluster-admin, a
		// pod that mounts the Docker socket.
		{id: "VCH-K8S-0027", path: "kubernetes-goat/scenarios/insecure-rbac/setup.yaml"},
		{id: "VCH-K8S-0021", path: "kubernetes-goat/scenarios/health-check/deployment.yaml"},
		// GitHub Actions Goat: an unrestricted token, a secret in the log;
		// TerraGoat's GitLab job posts the job JWT to webhook.site.
		{id: "VCH-GHA-0004", path: "github-actions-goat/.github/workflows/PRTargetWorkflow.yml"},
		{id: "VCH-GLC-0008", path: "terragoat/gitlabci/bla.yml"},
		{id: "VCH-GHA-0009", path: "github-actions-goat/.github/workflows/secret-in-build-log.yml"},
	} {
		if !has(fs, w) {
			t.Errorf("missing %+v", w)
		}
	}
}
