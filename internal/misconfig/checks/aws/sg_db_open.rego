# METADATA
# title: Security group allows database ports from the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 on a database port (MySQL,
#   PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Elasticsearch, Redshift,
#   Memcached, Cassandra, CouchDB, InfluxDB, etcd) exposes the service to
#   the whole internet, where it is scanned and brute-forced within minutes.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
# custom:
#   id: VCH-AWS-0025
#   severity: HIGH
#   remediation: "Allow the port only from known address ranges (a VPN, a bastion, a load balancer security group), or use SSM Session Manager."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
package vouch.checks.aws.sg_db_open

import data.vouch.lib
import data.vouch.lib.aws

ports := {3306, 5432, 1433, 1521, 27017, 6379, 9200, 5439, 11211, 9042, 5984, 7000, 8086, 2379, 9300}

deny contains lib.result_at(rule.resource, rule.path, sprintf("ingress from %v allows port %d", [rule.cidrs, p])) if {
	some rule in aws.sg_rules
	rule.direction == "ingress"
	aws.public_rule(rule)
	not aws.all_ports(rule)
	p := min({q | some q in ports; aws.covers(rule, q)})
}
