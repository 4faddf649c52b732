package vouch.checks.aws.ec2_user_data_secrets_test

import data.vouch.checks.aws.ec2_user_data_secrets as check
import data.vouch.test

test_deny_aws_keys if {
	count(check.deny) == 1 with input as test.tf("aws_instance", {"user_data": "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"})
}

test_deny_password if {
	count(check.deny) == 1 with input as test.cfn("AWS::EC2::Instance", {"UserData": "#!/bin/sh\nDB_PASSWORD=Sup3rSecret!\n"})
}

test_allow_plain if {
	count(check.deny) == 0 with input as test.tf("aws_instance", {"user_data": "#!/bin/bash\nyum install -y nginx\n"})
}
