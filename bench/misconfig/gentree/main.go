// Command gentree writes a synthetic infrastructure repository for
// benchmarking misconfiguration scanners: Terraform modules (several .tf
// files per directory, variables, locals, count and for_each, local module
// calls), Kubernetes manifests (multi-document, every workload kind),
// Dockerfiles (multi-stage) and GitHub Actions workflows, each file drawn
// from templates with random, partly insecure settings.
//
//	go run ./bench/misconfig/gentree -out /tmp/iac -files 2000 -seed 1
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "directory to write (must not exist)")
	files := flag.Int("files", 2000, "number of files to write")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		log.Fatal("gentree: -out is required")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("gentree: %s exists", *out)
	}
	g := &gen{r: rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15)), root: *out}
	// 40% Terraform, 30% Kubernetes, 15% Dockerfiles, 15% workflows.
	tf := *files * 40 / 100
	k8s := *files * 30 / 100
	docker := *files * 15 / 100
	wf := *files - tf - k8s - docker
	g.terraform(tf)
	for i := 0; i < k8s; i++ {
		g.write(fmt.Sprintf("k8s/app%03d/%s.yaml", i/6, g.pick("deployment", "statefulset", "daemonset", "cronjob", "job", "pod", "rbac", "list")+fmt.Sprint(i)), g.manifest(i))
	}
	for i := 0; i < docker; i++ {
		name := "Dockerfile"
		if i%3 == 1 {
			name = "build.Dockerfile"
		}
		g.write(fmt.Sprintf("services/svc%03d/%s", i, name), g.dockerfile())
	}
	for i := 0; i < wf; i++ {
		g.write(fmt.Sprintf("repos/r%03d/.github/workflows/%s.yml", i/5, g.pick("ci", "deploy", "release", "lint", "nightly")+fmt.Sprint(i)), g.workflow(i))
	}
	fmt.Printf("wrote %d files under %s (terraform %d, kubernetes %d, dockerfile %d, workflows %d)\n", g.n, *out, tf, k8s, docker, wf)
}

type gen struct {
	r    *rand.Rand
	root string
	n    int
}

func (g *gen) write(rel, content string) {
	p := filepath.Join(g.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		log.Fatal(err)
	}
	g.n++
}

func (g *gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }
func (g *gen) bool() bool               { return g.r.IntN(2) == 0 }
func (g *gen) tf(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// terraform writes n .tf files: root modules of five files, a third of
// which call a shared local module.
func (g *gen) terraform(n int) {
	g.write("terraform/modules/bucket/main.tf", bucketModule)
	n--
	for d := 0; n > 0; d++ {
		dir := fmt.Sprintf("terraform/stack%03d", d)
		parts := []struct{ name, body string }{
			{"variables.tf", g.tfVariables()},
			{"network.tf", g.tfNetwork()},
			{"storage.tf", g.tfStorage(d)},
			{"compute.tf", g.tfCompute()},
			{"iam.tf", g.tfIAM()},
		}
		for _, p := range parts {
			if n == 0 {
				break
			}
			g.write(dir+"/"+p.name, p.body)
			n--
		}
	}
}

const bucketModule = `variable "name" {
  type = string
}

variable "acl" {
  type    = string
  default = "private"
}

variable "versioning" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = var.acl

  versioning {
    enabled = var.versioning
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
`

func (g *gen) tfVariables() string {
	return fmt.Sprintf(`variable "environment" {
  type    = string
  default = %q
}

variable "region" {
  type    = string
  default = %q
}

variable "instance_count" {
  type    = number
  default = %d
}

variable "admin_cidrs" {
  type    = list(string)
  default = [%q]
}

variable "bucket_acl" {
  type    = string
  default = %q
}

locals {
  prefix = "${var.environment}-${var.region}"
  tags = {
    environment = var.environment
    managed_by  = "terraform"
  }
}
`, g.pick("dev", "staging", "prod"), g.pick("eu-west-1", "us-east-1", "ap-south-1"), 1+g.r.IntN(3),
		g.pick("10.0.0.0/8", "0.0.0.0/0", "192.168.0.0/16"), g.pick("private", "private", "public-read"))
}

func (g *gen) tfNetwork() string {
	var b strings.Builder
	fmt.Fprintf(&b, `resource "aws_vpc" "main" {
  cidr_block           = "10.%d.0.0/16"
  enable_dns_hostnames = true
  tags                 = local.tags
}

resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = aws_vpc.main.id
  cidr_block              = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  map_public_ip_on_launch = %s
}
`, g.r.IntN(250), g.tf(g.bool()))
	if g.bool() {
		b.WriteString(`
resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_s3_bucket.logs.arn
}
`)
	}
	fmt.Fprintf(&b, `
resource "aws_security_group" "web" {
  name        = "${local.prefix}-web"
  description = "web tier"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  dynamic "ingress" {
    for_each = var.admin_cidrs
    content {
      description = "ssh"
      from_port   = %d
      to_port     = %d
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`, 22, 22)
	return b.String()
}

func (g *gen) tfStorage(d int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `resource "aws_s3_bucket" "logs" {
  bucket = "${local.prefix}-logs-%d"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "data" {
  bucket = "${local.prefix}-data-%d"
  acl    = var.bucket_acl
  tags   = merge(local.tags, { data = "customer" })

  logging {
    target_bucket = aws_s3_bucket.logs.id
  }
`, d, d)
	if g.bool() {
		b.WriteString(`
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
`)
	}
	b.WriteString("}\n")
	if d%3 == 0 {
		fmt.Fprintf(&b, `
module "archive" {
  source     = "../modules/bucket"
  name       = "${local.prefix}-archive-%d"
  acl        = %q
  versioning = %s
}
`, d, g.pick("private", "public-read"), g.tf(g.bool()))
	}
	fmt.Fprintf(&b, `
resource "aws_db_instance" "main" {
  identifier              = "${local.prefix}-db"
  engine                  = %q
  instance_class          = "db.t3.medium"
  username                = "app"
  password                = %s
  storage_encrypted       = %s
  publicly_accessible     = %s
  backup_retention_period = %d
  deletion_protection     = %s
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "${var.region}a"
  size              = 50
  encrypted         = %s
}

resource "aws_sqs_queue" "events" {
  for_each          = toset(["orders", "payments"])
  name              = "${local.prefix}-${each.key}"
  kms_master_key_id = each.key == "payments" ? "alias/aws/sqs" : null
}
`, g.pick("postgres", "mysql"), g.pick("var.db_password", `"changeme123"`), g.tf(g.bool()), g.tf(g.r.IntN(5) == 0), g.r.IntN(8), g.tf(g.bool()), g.tf(g.bool()))
	return b.String()
}

func (g *gen) tfCompute() string {
	return fmt.Sprintf(`data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
}

resource "aws_instance" "app" {
  count                       = var.instance_count
  ami                         = data.aws_ami.ubuntu.id
  instance_type               = %q
  subnet_id                   = aws_subnet.public[count.index %% 2].id
  vpc_security_group_ids      = [aws_security_group.web.id]
  associate_public_ip_address = %s

  metadata_options {
    http_tokens = %q
  }

  root_block_device {
    volume_size = 30
    encrypted   = %s
  }

  user_data = <<-EOT
    #!/bin/bash
    apt-get update
    apt-get install -y nginx
  EOT

  tags = merge(local.tags, { Name = "${local.prefix}-app-${count.index}" })
}

resource "aws_ecr_repository" "app" {
  name                 = "${local.prefix}-app"
  image_tag_mutability = %q

  image_scanning_configuration {
    scan_on_push = %s
  }
}

resource "aws_kms_key" "app" {
  description         = "app data"
  enable_key_rotation = %s
}

resource "aws_eks_cluster" "main" {
  name     = "${local.prefix}-eks"
  role_arn = aws_iam_role.eks.arn

  vpc_config {
    subnet_ids              = aws_subnet.public[*].id
    endpoint_public_access  = %s
    endpoint_private_access = true
  }
}
`, g.pick("t3.micro", "m5.large"), g.tf(g.bool()), g.pick("required", "optional"), g.tf(g.bool()),
		g.pick("MUTABLE", "IMMUTABLE"), g.tf(g.bool()), g.tf(g.bool()), g.tf(g.bool()))
}

func (g *gen) tfIAM() string {
	return fmt.Sprintf(`resource "aws_iam_role" "eks" {
  name = "${local.prefix}-eks"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "deploy" {
  statement {
    actions   = [%q, "ec2:DescribeInstances"]
    resources = [%q]
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.data.arn}/*"]
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "${local.prefix}-deploy"
  policy = data.aws_iam_policy_document.deploy.json
}

resource "aws_iam_role_policy" "ci" {
  name = "ci"
  role = aws_iam_role.eks.id
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": %q, "Resource": "*"}
      ]
    }
  EOF
}

resource "aws_cloudtrail" "main" {
  name                          = "${local.prefix}-trail"
  s3_bucket_name                = aws_s3_bucket.logs.id
  is_multi_region_trail         = %s
  enable_log_file_validation    = %s
}
`, g.pick("iam:PassRole", "s3:*", "ec2:RunInstances"), g.pick("*", "arn:aws:iam::123456789012:role/app"),
		g.pick("*", "s3:ListBucket", "ecr:GetAuthorizationToken"), g.tf(g.bool()), g.tf(g.bool()))
}

var kinds = []string{"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"}

func (g *gen) container(name string) string {
	img := g.pick("nginx:1.27.0", "nginx:latest", "redis", "registry.example.com/team/api:2.3.1@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", "busybox:1.36")
	sc := ""
	switch g.r.IntN(4) {
	case 0:
		sc = `
    securityContext:
      privileged: true`
	case 1:
		sc = `
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      runAsNonRoot: true
      runAsUser: 10001
      capabilities:
        drop: ["ALL"]
      seccompProfile:
        type: RuntimeDefault`
	case 2:
		sc = `
    securityContext:
      runAsUser: 0
      capabilities:
        add: ["NET_ADMIN", "SYS_TIME"]`
	}
	res := ""
	if g.bool() {
		res = `
    resources:
      limits:
        cpu: 500m
        memory: 256Mi
      requests:
        cpu: 100m
        memory: 128Mi`
	}
	env := ""
	if g.r.IntN(3) == 0 {
		env = fmt.Sprintf(`
    env:
    - name: LOG_LEVEL
      value: info
    - name: %s
      value: %q`, g.pick("DB_PASSWORD", "API_TOKEN", "REDIS_URL"), g.pick("s3cr3t-pass", "tok_123456", "redis://cache:6379"))
	}
	return fmt.Sprintf(`
  - name: %s
    image: %s
    ports:
    - containerPort: 8080%s%s%s`, name, img, sc, res, env)
}

// podSpec returns a pod spec indented by ind spaces.
func (g *gen) podSpec(ind int) string {
	var b strings.Builder
	if g.r.IntN(4) == 0 {
		b.WriteString("hostNetwork: true\n")
	}
	if g.r.IntN(5) == 0 {
		b.WriteString("hostPID: true\n")
	}
	if g.bool() {
		b.WriteString("automountServiceAccountToken: false\n")
	}
	b.WriteString("containers:")
	for i := 0; i < 1+g.r.IntN(2); i++ {
		b.WriteString(g.container(fmt.Sprintf("c%d", i)))
	}
	b.WriteString("\n")
	if g.r.IntN(4) == 0 {
		b.WriteString("volumes:\n- name: host\n  hostPath:\n    path: " + g.pick("/var/log", "/var/run/docker.sock", "/etc") + "\n")
	}
	pad := strings.Repeat(" ", ind)
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n") + "\n"
}

func (g *gen) workload(kind, name, ns string) string {
	meta := fmt.Sprintf("apiVersion: %s\nkind: %s\nmetadata:\n  name: %s\n", apiVersion(kind), kind, name)
	if ns != "" {
		meta += "  namespace: " + ns + "\n"
	}
	switch kind {
	case "Pod":
		return meta + "spec:\n" + g.podSpec(2)
	case "CronJob":
		return meta + "spec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n" + g.podSpec(10)
	case "Job":
		return meta + "spec:\n  template:\n    spec:\n      restartPolicy: Never\n" + g.podSpec(6)
	}
	return meta + fmt.Sprintf("spec:\n  replicas: %d\n  selector:\n    matchLabels:\n      app: %s\n  template:\n    metadata:\n      labels:\n        app: %s\n    spec:\n", 1+g.r.IntN(3), name, name) + g.podSpec(6)
}

func apiVersion(kind string) string {
	switch kind {
	case "Pod", "Service", "List":
		return "v1"
	case "Job", "CronJob":
		return "batch/v1"
	}
	return "apps/v1"
}

func (g *gen) manifest(i int) string {
	ns := g.pick("", "default", "shop", "payments")
	name := fmt.Sprintf("app%d", i)
	switch i % 8 {
	case 6:
		return fmt.Sprintf(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: %s-reader
rules:
- apiGroups: [""]
  resources: [%s]
  verbs: [%s]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: %s-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: %s
subjects:
- kind: ServiceAccount
  name: %s
  namespace: default
`, name, g.pick(`"pods"`, `"secrets"`, `"*"`), g.pick(`"get", "list"`, `"*"`), name, g.pick("cluster-admin", name+"-reader"), name)
	case 7:
		return "apiVersion: v1\nkind: List\nitems:\n" + indentItem(g.workload("Deployment", name, ns)) + indentItem(service(name, ns))
	}
	kind := kinds[g.r.IntN(len(kinds))]
	return "# Source: " + name + "/templates/" + strings.ToLower(kind) + ".yaml\n" + g.workload(kind, name, ns) + "---\n" + service(name, ns)
}

func service(name, ns string) string {
	s := "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n"
	if ns != "" {
		s += "  namespace: " + ns + "\n"
	}
	return s + "spec:\n  selector:\n    app: " + name + "\n  ports:\n  - port: 80\n    targetPort: 8080\n"
}

func indentItem(doc string) string {
	lines := strings.Split(strings.TrimRight(doc, "\n"), "\n")
	for i, l := range lines {
		if i == 0 {
			lines[i] = "- " + l
		} else {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func (g *gen) dockerfile() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# syntax=docker/dockerfile:1\nARG GO_VERSION=%s\nFROM golang:${GO_VERSION} AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\n", g.pick("1.22", "1.23"))
	base := g.pick("ubuntu:24.04", "ubuntu:latest", "alpine:3.20", "debian", "gcr.io/distroless/static:nonroot@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
	fmt.Fprintf(&b, "FROM %s\n", base)
	switch {
	case strings.HasPrefix(base, "ubuntu"), strings.HasPrefix(base, "debian"):
		b.WriteString(g.pick("RUN apt-get update && apt-get install -y curl ca-certificates\n",
			"RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10 && rm -rf /var/lib/apt/lists/*\n",
			"RUN apt-get update\nRUN apt-get install -y git\n"))
	case strings.HasPrefix(base, "alpine"):
		b.WriteString(g.pick("RUN apk add curl\n", "RUN apk add --no-cache curl=8.9.1-r0\n"))
	}
	if g.r.IntN(4) == 0 {
		b.WriteString("RUN curl -fsSL https://get.example.com/install.sh | sh\n")
	}
	if g.r.IntN(5) == 0 {
		b.WriteString("ENV API_KEY=sk_live_4f8b2c9d1e7a\n")
	}
	if g.r.IntN(5) == 0 {
		b.WriteString("ADD https://example.com/tool.tar.gz /opt/\n")
	}
	b.WriteString("COPY --from=build /out/app /usr/local/bin/app\nEXPOSE " + g.pick("8080", "22 8080", "443") + "\n")
	if g.bool() {
		b.WriteString("USER " + g.pick("10001", "app", "root") + "\n")
	}
	if g.bool() {
		b.WriteString("HEALTHCHECK CMD [\"/usr/local/bin/app\", \"health\"]\n")
	}
	b.WriteString("ENTRYPOINT [\"/usr/local/bin/app\"]\n")
	return b.String()
}

func (g *gen) workflow(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name: wf%d\non:\n  push:\n    branches: [main]\n", i)
	if g.r.IntN(5) == 0 {
		b.WriteString("  pull_request_target:\n")
	} else {
		b.WriteString("  pull_request:\n")
	}
	if g.bool() {
		b.WriteString("permissions:\n  contents: read\n")
	}
	b.WriteString("\njobs:\n  build:\n    runs-on: ubuntu-latest\n")
	if g.r.IntN(4) == 0 {
		b.WriteString("    services:\n      db:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: postgres\n")
	}
	b.WriteString("    steps:\n")
	b.WriteString("      - uses: " + g.pick("actions/checkout@v4", "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683") + "\n")
	if g.r.IntN(6) == 0 {
		b.WriteString("        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n")
	}
	b.WriteString("      - uses: " + g.pick("actions/setup-go@v5", "golangci/golangci-lint-action@v6", "docker/build-push-action@4f58ea79222b3b9dc2c8bbdd6debcef730109a75") + "\n")
	if g.r.IntN(4) == 0 {
		b.WriteString("      - run: |\n          echo \"PR: ${{ github.event.pull_request.title }}\"\n")
	}
	if g.r.IntN(4) == 0 {
		b.WriteString("      - run: curl -sSfL https://raw.githubusercontent.com/org/tool/main/install.sh | sh\n")
	}
	b.WriteString("      - run: make test\n        env:\n          GOFLAGS: -mod=mod\n")
	if g.bool() {
		fmt.Fprintf(&b, "\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n")
		if g.bool() {
			b.WriteString("    environment: production\n")
		}
		if g.r.IntN(5) == 0 {
			b.WriteString("    permissions: write-all\n")
		}
		b.WriteString("    steps:\n      - uses: actions/checkout@v4\n")
		b.WriteString("      - run: " + g.pick("docker login -u ci -p ${{ secrets.REGISTRY_TOKEN }} ghcr.io", "docker login -u ci -p hunter22 ghcr.io", "echo ${{ secrets.KUBECONFIG }} | base64 -d > kubeconfig") + "\n")
		b.WriteString("      - run: kubectl --context " + g.pick("prod", "staging") + " apply -f k8s/\n")
	}
	return b.String()
}
