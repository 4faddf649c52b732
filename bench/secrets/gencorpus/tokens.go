package main

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"strings"
)

// The token makers follow the vendors' published formats. They are written
// independently of internal/secrets so that the corpus does not simply
// echo the scanner's own patterns.

const (
	upper   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	lower   = "abcdefghijklmnopqrstuvwxyz"
	digits  = "0123456789"
	alnum   = upper + lower + digits
	lowerAN = lower + digits
	upperAN = upper + digits
	hexdig  = "0123456789abcdef"
	b64     = alnum + "+/"
	urlsafe = alnum + "-_"
	base62  = digits + upper + lower
)

type gen struct{ r *rand.Rand }

func (g gen) s(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.r.IntN(len(alphabet))]
	}
	return string(b)
}

func (g gen) hex(n int) string { return g.s(hexdig, n) }

func (g gen) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-a" + g.hex(3) + "-" + g.hex(12)
}

// checksummed is GitHub's 2021 token format (also npm's): 30 random base62
// characters and the base62 CRC-32 of them, six characters.
func (g gen) checksummed(prefix string) string {
	body := g.s(alnum, 30)
	v := crc32.ChecksumIEEE([]byte(body))
	var c [6]byte
	for i := 5; i >= 0; i-- {
		c[i] = base62[v%62]
		v /= 62
	}
	return prefix + body + string(c[:])
}

func (g gen) pem(label string, lines int) string {
	var b strings.Builder
	b.WriteString("-----BEGIN " + label + "-----\n")
	for i := 0; i < lines; i++ {
		b.WriteString(g.s(b64, 64) + "\n")
	}
	b.WriteString(g.s(b64, 40) + "==\n")
	b.WriteString("-----END " + label + "-----")
	return b.String()
}

func (g gen) jwt() string {
	hdr := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	pl := base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf(`{"sub":"user-%d","iat":%d,"role":"admin"}`, g.r.IntN(99999), 1700000000+g.r.IntN(9999999))))
	return hdr + "." + pl + "." + g.s(urlsafe, 43)
}

// family is one kind of planted secret: a variable name it is usually
// kept under and a maker.
type family struct {
	name  string
	vname string
	make  func(g gen) string
	multi bool // multi-line value (PEM): planted as a block
}

var families = []family{
	{"aws-access-key", "AWS_ACCESS_KEY_ID", func(g gen) string { return "AKIA" + g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) }, false},
	{"aws-secret-key", "AWS_SECRET_ACCESS_KEY", func(g gen) string { return g.s(b64, 40) }, false},
	{"gcp-api-key", "GOOGLE_API_KEY", func(g gen) string { return "AIza" + g.s(urlsafe, 35) }, false},
	{"azure-storage-key", "AZURE_STORAGE_CONNECTION_STRING", func(g gen) string {
		return "DefaultEndpointsProtocol=https;AccountName=acct" + g.s(lowerAN, 6) + ";AccountKey=" + g.s(b64, 86) + "==;EndpointSuffix=core.windows.net"
	}, false},
	{"github-pat", "GITHUB_TOKEN", func(g gen) string { return g.checksummed("ghp_") }, false},
	{"github-oauth", "GH_OAUTH_TOKEN", func(g gen) string { return g.checksummed("gho_") }, false},
	{"github-app-token", "GH_APP_TOKEN", func(g gen) string { return g.checksummed("ghs_") }, false},
	{"github-fine-grained", "GH_PAT", func(g gen) string { return "github_pat_" + g.s(alnum, 22) + "_" + g.s(alnum, 59) }, false},
	{"gitlab-pat", "GITLAB_TOKEN", func(g gen) string { return "glpat-" + g.s(alnum, 20) }, false},
	{"gitlab-runner", "RUNNER_TOKEN", func(g gen) string { return "glrt-" + g.s(alnum, 20) }, false},
	{"slack-bot", "SLACK_BOT_TOKEN", func(g gen) string { return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24) }, false},
	{"slack-user", "SLACK_USER_TOKEN", func(g gen) string {
		return "xoxp-" + g.s(digits, 12) + "-" + g.s(digits, 12) + "-" + g.s(digits, 12) + "-" + g.hex(32)
	}, false},
	{"slack-webhook", "SLACK_WEBHOOK_URL", func(g gen) string {
		return "https://hooks.slack.com/services/T" + g.s(upperAN, 8) + "/B" + g.s(upperAN, 10) + "/" + g.s(alnum, 24)
	}, false},
	{"stripe-live", "STRIPE_SECRET_KEY", func(g gen) string { return "sk_live_" + g.s(alnum, 24) }, false},
	{"stripe-restricted", "STRIPE_RESTRICTED_KEY", func(g gen) string { return "rk_live_" + g.s(alnum, 99) }, false},
	{"stripe-webhook", "STRIPE_WEBHOOK_SECRET", func(g gen) string { return "whsec_" + g.s(alnum, 32) }, false},
	{"twilio-api-key", "TWILIO_API_KEY", func(g gen) string { return "SK" + g.hex(32) }, false},
	{"sendgrid", "SENDGRID_API_KEY", func(g gen) string { return "SG." + g.s(urlsafe, 22) + "." + g.s(urlsafe, 43) }, false},
	{"mailgun", "MAILGUN_API_KEY", func(g gen) string { return "key-" + g.hex(32) }, false},
	{"mailchimp", "MAILCHIMP_API_KEY", func(g gen) string { return g.hex(32) + "-us" + fmt.Sprint(1+g.r.IntN(20)) }, false},
	{"npm-token", "NPM_TOKEN", func(g gen) string { return g.checksummed("npm_") }, false},
	{"pypi-token", "PYPI_TOKEN", func(g gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlsafe, 150) }, false},
	{"rubygems", "GEM_HOST_API_KEY", func(g gen) string { return "rubygems_" + g.hex(48) }, false},
	{"nuget", "NUGET_API_KEY", func(g gen) string { return "oy2" + g.s(lowerAN, 43) }, false},
	{"dockerhub-pat", "DOCKERHUB_TOKEN", func(g gen) string { return "dckr_pat_" + g.s(urlsafe, 27) }, false},
	{"vault-token", "VAULT_TOKEN", func(g gen) string { return "hvs." + g.s(urlsafe, 90) }, false},
	{"terraform-cloud", "TFE_TOKEN", func(g gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, false},
	{"datadog-api-key", "DD_API_KEY", func(g gen) string { return g.hex(32) }, false},
	{"newrelic-user-key", "NEW_RELIC_API_KEY", func(g gen) string { return "NRAK-" + g.s(upperAN, 27) }, false},
	{"shopify-token", "SHOPIFY_ACCESS_TOKEN", func(g gen) string { return "shpat_" + g.hex(32) }, false},
	{"openai-key", "OPENAI_API_KEY", func(g gen) string { return "sk-proj-" + g.s(alnum, 74) + "T3BlbkFJ" + g.s(alnum, 74) }, false},
	{"anthropic-key", "ANTHROPIC_API_KEY", func(g gen) string { return "sk-ant-api03-" + g.s(urlsafe, 93) + "AA" }, false},
	{"huggingface", "HF_TOKEN", func(g gen) string { return "hf_" + g.s(upper+lower, 34) }, false},
	{"jwt", "AUTH_JWT", func(g gen) string { return g.jwt() }, false},
	{"private-key-rsa", "", func(g gen) string { return g.pem("RSA PRIVATE KEY", 24) }, true},
	{"private-key-openssh", "", func(g gen) string { return g.pem("OPENSSH PRIVATE KEY", 6) }, true},
	{"private-key-ec", "", func(g gen) string { return g.pem("EC PRIVATE KEY", 3) }, true},
	{"private-key-pkcs8", "", func(g gen) string { return g.pem("PRIVATE KEY", 25) }, true},
	{"postgres-url", "DATABASE_URL", func(g gen) string {
		return "postgres://app_" + g.s(lower, 4) + ":" + g.s(alnum, 14) + "@db-" + g.s(lowerAN, 5) + ".internal:5432/app"
	}, false},
	{"mysql-url", "MYSQL_URL", func(g gen) string {
		return "mysql://root:" + g.s(alnum, 12) + "@10.0." + fmt.Sprint(g.r.IntN(255)) + ".7:3306/shop"
	}, false},
	{"mongodb-url", "MONGO_URI", func(g gen) string {
		return "mongodb+srv://admin:" + g.s(alnum, 16) + "@cluster0." + g.s(lowerAN, 5) + ".mongodb.net/prod?retryWrites=true"
	}, false},
	{"redis-url", "REDIS_URL", func(g gen) string { return "redis://default:" + g.s(alnum, 20) + "@cache:6379/0" }, false},
	{"basic-auth-url", "INDEX_URL", func(g gen) string {
		return "https://deploy:" + g.s(alnum, 18) + "@artifacts." + g.s(lower, 6) + ".io/simple"
	}, false},
	{"digitalocean", "DIGITALOCEAN_TOKEN", func(g gen) string { return "dop_v1_" + g.hex(64) }, false},
	{"linear", "LINEAR_API_KEY", func(g gen) string { return "lin_api_" + g.s(alnum, 40) }, false},
	{"postman", "POSTMAN_API_KEY", func(g gen) string { return "PMAK-" + g.hex(24) + "-" + g.hex(34) }, false},
	{"pulumi", "PULUMI_ACCESS_TOKEN", func(g gen) string { return "pul-" + g.hex(40) }, false},
	{"grafana-sa", "GRAFANA_TOKEN", func(g gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.hex(8) }, false},
	{"doppler", "DOPPLER_TOKEN", func(g gen) string { return "dp.st." + g.s(alnum, 43) }, false},
	{"dynatrace", "DT_API_TOKEN", func(g gen) string { return "dt0c01." + g.s(upperAN, 24) + "." + g.s(upperAN, 64) }, false},
	{"databricks", "DATABRICKS_TOKEN", func(g gen) string { return "dapi" + g.hex(32) }, false},
	{"sonarqube", "SONAR_TOKEN", func(g gen) string { return "squ_" + g.hex(40) }, false},
	{"age-key", "AGE_KEY", func(g gen) string { return "AGE-SECRET-KEY-1" + g.s("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58) }, false},
	{"telegram-bot", "TELEGRAM_BOT_TOKEN", func(g gen) string { return fmt.Sprint(1000000000+g.r.IntN(999999999)) + ":AA" + g.s(urlsafe, 33) }, false},
	{"discord-webhook", "DISCORD_WEBHOOK", func(g gen) string {
		return "https://discord.com/api/webhooks/" + g.s(digits, 18) + "/" + g.s(urlsafe, 68)
	}, false},
	{"square", "SQUARE_ACCESS_TOKEN", func(g gen) string { return "EAAA" + g.s(urlsafe, 60) }, false},
	{"sentry-user", "SENTRY_AUTH_TOKEN", func(g gen) string { return "sntryu_" + g.hex(64) }, false},
	{"alibaba", "ALIBABA_ACCESS_KEY_ID", func(g gen) string { return "LTAI" + g.s(alnum, 20) }, false},
	{"tencent", "TENCENT_SECRET_ID", func(g gen) string { return "AKID" + g.s(alnum, 32) }, false},
	{"azure-ad-secret", "AZURE_CLIENT_SECRET", func(g gen) string { return g.s(alnum, 3) + "8Q~" + g.s(alnum+"_-.", 31) + g.s(alnum, 3) }, false},
	{"heroku", "HEROKU_API_KEY", func(g gen) string { return "HRKU-" + g.s(urlsafe, 60) }, false},
	{"atlassian", "JIRA_API_TOKEN", func(g gen) string { return "ATATT3" + g.s(alnum, 186) }, false},
	{"generic-password", "DB_PASSWORD", func(g gen) string { return g.s(alnum, 6) + "!" + g.s(digits, 3) }, false},
	{"generic-api-key", "SERVICE_API_KEY", func(g gen) string { return g.s(alnum, 32) }, false},
}

// hexOf renders random bytes as hex (for hashes).
func (g gen) hexBytes(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return hex.EncodeToString(b)
}

func (g gen) b64Bytes(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return base64.StdEncoding.EncodeToString(b)
}
