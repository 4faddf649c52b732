# METADATA
# title: ENV or ARG holds a credential
# description: |
#   Values of ENV are stored in the image config, ARG values in its history:
#   anyone who pulls the image can read them.
# related_resources:
#   - https://docs.docker.com/build/building/secrets/
# custom:
#   id: VCH-DKR-0008
#   severity: HIGH
#   remediation: "Pass secrets at build time with RUN --mount=type=secret, and at run time through the orchestrator."
#   inputs: [dockerfile]
#   resource_types: ["stage"]
package vouch.checks.docker.secrets_in_env

import data.vouch.lib
import data.vouch.lib.text
import data.vouch.lib.docker

deny contains lib.result_at(x.resource, x.path, sprintf("%s %s holds a literal credential", [upper(x.cmd.cmd), p.key])) if {
	some x in docker.commands
	x.cmd.cmd in {"env", "arg"}
	some p in x.cmd.pairs
	leaked(p)
}

leaked(p) if {
	text.secret_name(p.key)
	text.literal(p.value)
}

leaked(p) if text.aws_key(p.value)
