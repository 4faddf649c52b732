# METADATA
# title: Instance block device is not encrypted
# description: |
#   Root and data volumes of the instance are stored unencrypted unless
#   encryption is switched on for each block device, or for the account with
#   aws_ebs_encryption_by_default in the same configuration. A root volume
#   left to its defaults counts as unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: VCH-AWS-0036
#   severity: HIGH
#   remediation: "Set encrypted = true on root_block_device and ebs_block_device (Ebs.Encrypted: true)."
#   inputs: [terraform, cloudformation]
#   resource_types: ["aws_instance", "aws_launch_configuration", "aws_launch_template", "AWS::EC2::Instance"]
#   frameworks:
#     cis-aws-foundations: ["2.2.1"]
package vouch.checks.aws.ec2_unencrypted_block_device

import data.vouch.lib

deny contains lib.result_at(r, [k, i], sprintf("%s is not encrypted", [k])) if {
	some ty in {"aws_instance", "aws_launch_configuration"}
	some r in input.types[ty]
	some k in ["root_block_device", "ebs_block_device"]
	some i, d in lib.blocks(r.attributes, k)
	lib.not_true(d, "encrypted")
	not default_encryption
}

# A root volume left to its defaults is unencrypted unless the account
# encrypts new volumes by default, which only aws_ebs_encryption_by_default
# in the same configuration can show.
deny contains lib.result(r, "root volume is not declared encrypted (root_block_device missing)") if {
	some ty in {"aws_instance", "aws_launch_configuration"}
	some r in input.types[ty]
	count(lib.blocks(r.attributes, "root_block_device")) == 0
	not default_encryption
}

default_encryption if {
	some e in input.types["aws_ebs_encryption_by_default"]
	lib.is_true(object.get(e.attributes, "enabled", true))
}

deny contains lib.result_at(r, ["block_device_mappings", i], "block device is not encrypted") if {
	some r in input.types["aws_launch_template"]
	some i, m in lib.blocks(r.attributes, "block_device_mappings")
	some e in lib.blocks(m, "ebs")
	lib.not_true(e, "encrypted")
}

deny contains lib.result_at(r, ["BlockDeviceMappings", i], "block device is not encrypted") if {
	some r in input.types["AWS::EC2::Instance"]
	some i, m in lib.as_list(r.attributes.BlockDeviceMappings)
	m.Ebs
	lib.not_true(m.Ebs, "Encrypted")
}
