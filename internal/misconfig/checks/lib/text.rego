# METADATA
# description: |
#   Text heuristics shared by checks: names that hold credentials, literal
#   values (not references to a secret store or a variable), and shell
#   command patterns.
package vouch.lib.text

import data.vouch.lib

# secret_name holds for names that carry credentials: PASSWORD, DB_PASS,
# API_KEY, client_secret, token … but not the file, path, id or name of one.
secret_name(k) if {
	is_string(k)
	regex.match(`(?i)(passw(or)?d|passwd|(^|[_.-])pass$|(^|[_.-])pwd$|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|signing[_-]?key|master[_-]?key)`, k)
	not regex.match(`(?i)(_file$|_path$|_url$|_uri$|_name$|_names$|_type$|_length$|_ttl$|_expir|_header$|_arn$|_policy$|_enabled$|_mode$|_rotation|_version$|_kms|_dir$|_ref$|_key_id$|_id$|_endpoint$|_location$|_audience$|_issuer$|_scope$|_env$|_field$|_param|_prefix$|_hint$|_count$|_lifetime$|_duration$|_secret_name$|^no_|_required$|_policy_|reset|forgot|expire|_validity$)`, k)
}

# literal holds for a value written in the file itself: not a reference
# to a secret store, a variable, an expression or an empty placeholder.
literal(v) if is_number(v)

literal(v) if {
	is_string(v)
	count(trim_space(v)) >= 3
	not reference(v)
	not placeholder(v)
}

reference(v) if contains(v, "${{")

reference(v) if contains(v, "{{resolve:")

reference(v) if regex.match(`^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$`, v)

reference(v) if regex.match(`^\$\(`, v)

reference(v) if regex.match(`^%[A-Za-z_]+%$`, v)

reference(v) if lib.unresolved(v)

reference(v) if regex.match(`^(arn:|projects/|/run/secrets/|/var/run/secrets/|vault:|secret://|sm://|ssm:|secretsmanager:)`, v)

placeholder(v) if regex.match(`^(<[^>]*>|\*+|x+|X+|\.\.\.|-+|true|false|null|none|None|TODO|REDACTED|redacted|changeit-in-prod)$`, v)

# aws_key holds for text that contains an AWS access key id or a secret
# access key assignment.
aws_key(s) if regex.match(`(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)`, s)

aws_key(s) if regex.match(`(?i)aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}`, s)

# credential_assignment: "password=…", "export DB_PASSWORD='…'" with a
# literal value in a script or user data.
credential_assignment(s) if regex.match(`(?i)(passw(or)?d|secret|token|api_?key)["']?\s*[:=]\s*["']?[A-Za-z0-9!#%&*+,./:;<>?@^_~-]{6,}`, s)

# pipe_to_shell: a download piped straight into an interpreter.
pipe_to_shell(s) if regex.match(`(?i)\b(curl|wget|iwr|invoke-webrequest)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+\S+\s+)*(ba|da|z|k|fi)?sh\b`, s)

pipe_to_shell(s) if regex.match(`(?i)\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+)?(python[0-9.]*|perl|ruby|node)\b`, s)

pipe_to_shell(s) if regex.match(`(?i)\b(ba|z)?sh\s+(-c\s+)?["']?\$\(\s*(curl|wget)\b`, s)

pipe_to_shell(s) if regex.match(`(?i)\b(ba|z)?sh\s+<\(\s*(curl|wget)\b`, s)

pipe_to_shell(s) if regex.match(`(?i)\b(iwr|invoke-webrequest|irm|invoke-restmethod)\b[^|;\n]*\|\s*(iex|invoke-expression)\b`, s)

# docker_login_password: `docker login -p literal` (not $VAR, not stdin).
docker_login_password(s) if regex.match(`\b(docker|podman|buildah)\s+login\b[^\n|;&]*\s(-p|--password)(=|\s+)["']?[^\s"'$-]`, s)

# user_password_flag: curl -u user:pass, --password literal.
user_password_flag(s) if regex.match(`\bcurl\b[^\n|;&]*\s(-u|--user)(=|\s+)["']?[^\s"'$:]+:[^\s"'$]+`, s)

user_password_flag(s) if regex.match(`\s--password(=|\s+)["']?[^\s"'$-][^\s"']{2,}`, s)

user_password_flag(s) if regex.match(`\b(mysql|mysqladmin)\b[^\n|;&]*\s-p[^\s$"'-][^\s]*`, s)

user_password_flag(s) if regex.match(`(?i)echo\s+["']?[^\s"'$|]+:[^\s"'$|]+["']?\s*\|\s*(sudo\s+)?chpasswd`, s)

# tls_disabled: certificate checks switched off for a download.
tls_disabled(s) if regex.match(`\bcurl\b[^\n|;&]*\s(-[a-zA-Z]*k[a-zA-Z]*|--insecure)(\s|$)`, s)

tls_disabled(s) if regex.match(`\bwget\b[^\n|;&]*--no-check-certificate`, s)

tls_disabled(s) if regex.match(`\bpip3?\b[^\n|;&]*--trusted-host`, s)

tls_disabled(s) if regex.match(`(?i)strict-ssl\s*(=|\s)\s*false`, s)

tls_disabled(s) if regex.match(`(?i)http\.sslverify\s*(=|\s)\s*false`, s)

tls_disabled(s) if regex.match(`(?i)(GIT_SSL_NO_VERIFY|NODE_TLS_REJECT_UNAUTHORIZED)\s*[=:]\s*["']?(1|true|0)`, s)

# download_urls lists the http(s) URLs curl or wget fetch in s.
download_urls(s) := {u |
	some line in split(s, "\n")
	regex.match(`\b(curl|wget)\b`, line)
	some u in regex.find_n(`https?://[^\s"'|;)>]+`, line, -1)
}

# mutable_url: a URL whose content can change under the same name: a
# "latest" release, a branch (master, main, HEAD) of a raw file, an
# install script without a version.
mutable_url(u) if regex.match(`(?i)/(latest|master|main|head|trunk|develop)(/|$|\?)`, u)

mutable_url(u) if regex.match(`(?i)/releases/latest\b`, u)

mutable_url(u) if regex.match(`(?i)^https?://[^/]+/?$`, u)

mutable_url(u) if regex.match(`(?i)^https?://(get\.|install\.|sh\.)[^/]+/?[^/]*$`, u)

mutable_url(u) if regex.match(`(?i)\.(sh|ps1)$`, u)

# verified holds when a script checks what it downloaded.
verified(s) if regex.match(`(?i)(sha256sum|sha512sum|shasum|gpg\s+--verify|cosign\s+verify|sha256\s*=|--checksum|Get-FileHash|checksum\s*=|\bsha256:[0-9a-f]{64}|cmp\s)`, s)
