# METADATA
# title: RUN has a credential on its command line
# description: |
#   Commands like docker login -p, curl -u user:pass or mysql -pPASS keep
#   the secret in the image history for anyone who pulls it.
# related_resources:
#   - https://docs.docker.com/build/building/secrets/
# custom:
#   id: VCH-DKR-0020
#   severity: HIGH
#   remediation: "Use RUN --mount=type=secret and read the value from the mounted file."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.credentials_in_run

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, "a credential is written on the command line") if {
	some x in docker.runs
	leaks(x.script)
}

leaks(s) if text.docker_login_password(s)

leaks(s) if text.user_password_flag(s)

leaks(s) if text.aws_key(s)
