package vouch.checks.docker.credentials_in_run_test

import data.vouch.checks.docker.credentials_in_run as check
import data.vouch.test

test_deny_docker_login if {
	count(check.deny) == 1 with input as test.dockerfile([["docker:27", [test.cmd("run", "docker login -u bot -p hunter22 registry.example.com")]]])
}

test_deny_curl_user if {
	count(check.deny) == 1 with input as test.dockerfile([["debian:12", [test.cmd("run", "curl -u admin:secret123 https://repo.example.com/a.jar -o a.jar")]]])
}

test_allow_secret_mount if {
	count(check.deny) == 0 with input as test.dockerfile([["debian:12", [test.cmd("run", "docker login -u bot --password-stdin < /run/secrets/pw")]]])
}
