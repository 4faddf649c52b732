package vouch.checks.kubernetes.runtime_socket_test

import data.vouch.checks.kubernetes.runtime_socket as check
import data.vouch.test

test_deny_docker_sock if {
	count(check.deny) == 1 with input as test.pod({"containers": [], "volumes": [{"name": "d", "hostPath": {"path": "/var/run/docker.sock"}}]})
}

test_allow_other if {
	count(check.deny) == 0 with input as test.pod({"containers": [], "volumes": [{"name": "d", "hostPath": {"path": "/var/log/app"}}]})
}
