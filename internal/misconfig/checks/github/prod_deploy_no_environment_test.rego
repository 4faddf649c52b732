package vouch.checks.github.prod_deploy_no_environment_test

import data.vouch.checks.github.prod_deploy_no_environment as check
import data.vouch.test

test_deny_deploy_prod if {
	count(check.deny) == 1 with input as test.gha_job({"name": "Deploy to production", "steps": [{"run": "kubectl apply -f k8s/"}]})
}

test_deny_by_command if {
	count(check.deny) == 1 with input as test.gha({"on": "push", "permissions": {}, "jobs": {"ship": {"steps": [{"run": "helm upgrade --install app ./chart --kube-context prod"}]}}})
}

test_allow_environment if {
	count(check.deny) == 0 with input as test.gha_job({"name": "Deploy to production", "environment": "production", "steps": [{"run": "kubectl apply -f k8s/"}]})
}

test_allow_staging if {
	count(check.deny) == 0 with input as test.gha_job({"name": "Deploy to staging", "steps": [{"run": "kubectl apply -f k8s/"}]})
}
