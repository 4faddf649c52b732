package vouch.checks.kubernetes.host_port_test

import data.vouch.checks.kubernetes.host_port as check
import data.vouch.test

test_deny_host_port if {
	count(check.deny) == 1 with input as test.container({"ports": [{"containerPort": 80, "hostPort": 80}]})
}

test_allow_container_port if {
	count(check.deny) == 0 with input as test.container({"ports": [{"containerPort": 80}]})
}
