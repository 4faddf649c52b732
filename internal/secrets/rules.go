package secrets

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/vouch-dev/vouch/internal/vouch"
)

const (
	sevC = vouch.SeverityCritical
	sevH = vouch.SeverityHigh
	sevM = vouch.SeverityMedium
	sevL = vouch.SeverityLow
)

// prefixed builds a strict rule for a token with a vendor prefix. pattern
// must hold one group, the token. Examples are templates (see
// expandTemplate); the keyword alone followed by junk is added as a
// negative.
func prefixed(id, desc string, sev vouch.Severity, keywords []string, pattern string, pos ...string) *Rule {
	return &Rule{
		ID: id, Description: desc, Severity: sev, Keywords: keywords,
		Pattern: pattern, SecretGroup: 1, Strict: true,
		Examples: Examples{Positive: pos, Negative: []string{keywords[0] + "abc", "the " + keywords[0] + " prefix"}},
	}
}

// contextual builds a rule for a token with no distinctive format that is
// recognisable by the provider's name in the variable it is assigned to
// ("DATADOG_API_KEY = 0123…"). value is the token's pattern.
func contextual(id, desc string, sev vouch.Severity, providers []string, value string, pos ...string) *Rule {
	alt := strings.Join(providers, "|")
	return &Rule{
		ID: id, Description: desc, Severity: sev, Keywords: providers,
		Pattern:     `(?i)(?:` + alt + `)[a-z0-9_.\-]{0,40}["'\]]{0,2}[ \t]*(?::=|=>|\?=|=|:|,)[ \t]*["'` + "`" + `]?(?-i:(` + value + `))(?:["'` + "`" + `\s;,)\\]|$)`,
		SecretGroup: 1, Entropy: 2.8,
		check: func(c *candidate) bool { return notReference(c) && !identifierLike(c.secret) },
		Examples: Examples{Positive: pos, Negative: []string{
			providers[0] + "_token = ${" + strings.ToUpper(providers[0]) + "_TOKEN}",
			providers[0] + " is a service",
		}},
	}
}

var ruleOnce = sync.OnceValue(func() []*Rule {
	rs := ruleTable()
	for _, r := range rs {
		r.Examples.Positive = expandExamples(r.ID+"+", r.Examples.Positive)
		r.Examples.Negative = expandExamples(r.ID+"-", r.Examples.Negative)
	}
	return rs
})

// builtinRules returns the rules in precedence order. The slice is shared:
// callers must not modify it.
func builtinRules() []*Rule { return ruleOnce() }

// basicAuthURL is an http(s) URL whose userinfo holds a password.
const basicAuthURL = `https?://([A-Za-z0-9._~%!$&'()*+,;=\-]+):([A-Za-z0-9._~%!$&()*+,;=\-]{3,})@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`

// userinfoMatcher runs an anchored URL pattern only when the URL at the
// window's start has userinfo ("scheme://user:pass@"): most URLs have
// none, and a cheap scan to the first '@', '/' or space settles that.
func userinfoMatcher(pattern string) func([]byte) []int {
	re := regexp.MustCompile(`^(?:` + pattern + `)`)
	return func(win []byte) []int {
		i := bytes.Index(win, []byte("://"))
		if i < 0 || i > 24 {
			return nil
		}
		for j := i + 3; j < len(win) && j < i+400; j++ {
			switch win[j] {
			case '@':
				return re.FindSubmatchIndex(win)
			case '/', ' ', '\t', '\n', '"', '\'', '<', '>', '`':
				return nil
			}
		}
		return nil
	}
}

// ruleTable lists every rule. Order matters: when two rules match the same
// secret, the earlier one is reported. Provider rules come first, then
// file-format and pipeline rules, then the generic ones.
func ruleTable() []*Rule {
	var rs []*Rule
	add := func(r ...*Rule) { rs = append(rs, r...) }

	// A service-account JSON names what its private key unlocks: report it
	// as such, before the PEM rules see the key.
	add(&Rule{
		ID: "gcp-service-account", Description: "Google Cloud service account key", Severity: sevC,
		Keywords:    []string{`"private_key"`},
		Pattern:     `"private_key"\s*:\s*"(-----BEGIN [A-Z ]*PRIVATE KEY-----[^"]{64,}-----END [A-Z ]*PRIVATE KEY-----(?:\\n)?)"`,
		SecretGroup: 1, Strict: true,
		check: func(c *candidate) bool {
			lo, hi := max(0, c.secretStart-8192), min(len(c.buf), c.secretStart+len(c.secret)+8192)
			return strings.Contains(string(c.buf[lo:hi]), `"client_email"`)
		},
		Examples: Examples{
			Positive: []string{`{"type": "service_account", "project_id": "p", "private_key": "-----BEGIN PRIVATE KEY-----\n{b64:64}\n{b64:64}\n-----END PRIVATE KEY-----\n", "client_email": "sa@p.iam.gserviceaccount.com"}`},
			Negative: []string{`{"private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"}`},
		},
	})
	// ---- Private keys (multi-line PEM blocks) ----
	pem := func(id, desc, label, kw string) *Rule {
		return &Rule{
			ID: id, Description: desc, Severity: sevC, Keywords: []string{kw},
			Pattern:     `-----BEGIN ` + label + `-----(?:[\s\S]*?)-----END ` + label + `-----`,
			SecretGroup: 0, MultiLine: 32 << 10, Strict: true,
			check: pemBody,
			Examples: Examples{
				Positive: []string{"-----BEGIN " + label + "-----\n{b64:64}\n{b64:64}\n{b64:64}\n{b64:20}==\n-----END " + label + "-----\n"},
				Negative: []string{
					"-----BEGIN " + label + "-----\n...\n-----END " + label + "-----",
					"-----BEGIN " + label + "-----\n<your key here>\n-----END " + label + "-----",
				},
			},
		}
	}
	add(
		pem("private-key-rsa", "RSA private key", "RSA PRIVATE KEY", "begin rsa private key"),
		pem("private-key-ec", "EC private key", "EC PRIVATE KEY", "begin ec private key"),
		pem("private-key-dsa", "DSA private key", "DSA PRIVATE KEY", "begin dsa private key"),
		pem("private-key-openssh", "OpenSSH private key", "OPENSSH PRIVATE KEY", "begin openssh private key"),
		pem("private-key-pkcs8", "PKCS #8 private key", "PRIVATE KEY", "begin private key"),
		pem("private-key-encrypted", "Encrypted PKCS #8 private key", "ENCRYPTED PRIVATE KEY", "begin encrypted private key"),
		pem("private-key-pgp", "PGP private key block", "PGP PRIVATE KEY BLOCK", "begin pgp private key block"),
		pem("private-key-ssh2", "SSH.com (SSH2) private key", "SSH2 ENCRYPTED PRIVATE KEY", "begin ssh2 encrypted private key"),
	)
	// An escaped PEM inside a JSON string ("-----BEGIN…\n…") is one line.
	add(&Rule{
		ID: "private-key-escaped", Description: "Private key in an escaped string", Severity: sevC,
		Keywords:    []string{"private key-----\\n"},
		Pattern:     `-----BEGIN [A-Z ]{0,24}PRIVATE KEY-----\\n(?:[A-Za-z0-9+/=]{16,}\\n)+-----END [A-Z ]{0,24}PRIVATE KEY-----`,
		SecretGroup: 0, Strict: true,
		Examples: Examples{Positive: []string{`"key": "-----BEGIN RSA PRIVATE KEY-----\n{b64:64}\n{b64:64}\n{b64:40}\n-----END RSA PRIVATE KEY-----\n"`}},
	})
	add(&Rule{
		ID: "private-key-putty", Description: "PuTTY private key", Severity: sevC,
		Keywords:    []string{"putty-user-key-file-"},
		Pattern:     `PuTTY-User-Key-File-[23]: [^\r\n]+\r?\n(?:[^\r\n]*\r?\n){0,40}?Private-Lines: \d+\r?\n((?:[A-Za-z0-9+/=]+\r?\n)+)`,
		SecretGroup: 1, MultiLine: 16 << 10, Strict: true,
		Examples: Examples{Positive: []string{"PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: rsa-key\nPublic-Lines: 2\n{b64:64}\n{b64:20}\nPrivate-Lines: 2\n{b64:64}\n{b64:30}\nPrivate-MAC: {hex:40}\n"}},
	})
	add(prefixed("age-secret-key", "age secret key", sevC, []string{"age-secret-key-1"},
		`\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b`,
		"AGE-SECRET-KEY-1{b32:58}"))

	// ---- AWS ----
	add(&Rule{
		ID: "aws-access-key-id", Description: "AWS access key ID", Severity: sevH,
		Keywords:    []string{"akia", "asia", "abia", "acca", "a3t"},
		Pattern:     `\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`,
		SecretGroup: 1, Strict: true, Entropy: 3.0,
		Allow: []string{"AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE", "ASIAIOSFODNN7EXAMPLE"},
		Examples: Examples{
			Positive: []string{"aws_access_key_id = AKIA{uc:0}Q4ZK7RBVX2MNP5TL", "export KEY=ASIA{AU:16}"},
			Negative: []string{"aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "AKIA_NOT_A_KEY", "AKIAXXXXXXXXXXXXXXXX"},
		},
		check: func(c *candidate) bool { return !strings.Contains(string(c.secret), "EXAMPLE") },
	})
	add(&Rule{
		ID: "aws-secret-access-key", Description: "AWS secret access key", Severity: sevC,
		Keywords:    []string{"secret_access", "secretaccess", "secret-access", "aws_secret", "awssecret", "aws-secret"},
		Pattern:     `(?i)(?:aws)?[_.\-]?secret[_.\-]?(?:access)?[_.\-]?(?:key)?["'\]]{0,2}[ \t]*(?::=|=>|=|:|,)[ \t]*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`,
		SecretGroup: 1, Entropy: 3.8,
		Allow: []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"},
		Examples: Examples{
			Positive: []string{"aws_secret_access_key = {b64:40}", `"AWS_SECRET_ACCESS_KEY": "{an:40}"`},
			Negative: []string{"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = ${AWS_SECRET}"},
		},
	})
	add(&Rule{
		ID: "aws-session-token", Description: "AWS session token", Severity: sevH,
		Keywords:    []string{"session_token", "sessiontoken", "security_token"},
		Pattern:     `(?i)aws[_.\-]?(?:session|security)[_.\-]?token["'\]]{0,2}[ \t]*(?::=|=>|=|:)[ \t]*["']?([A-Za-z0-9/+=]{100,})`,
		SecretGroup: 1, Entropy: 4,
		Examples: Examples{Positive: []string{"aws_session_token = FwoGZXIvYXdzE{b64:180}"}},
	})
	add(prefixed("aws-mws-key", "Amazon MWS auth token", sevH, []string{"amzn.mws."},
		`\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`,
		"mws = amzn.mws.{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"))
	add(prefixed("aws-bedrock-api-key", "Amazon Bedrock API key", sevH, []string{"absk"},
		`\b(ABSK[A-Za-z0-9+/]{109,269}={0,2})`, "key: ABSK{b64:120}"))

	// ---- Google ----
	add(&Rule{
		ID: "gcp-api-key", Description: "Google API key", Severity: sevH,
		Keywords: []string{"aiza"}, Pattern: `\b(AIza[0-9A-Za-z_\-]{35})(?:[^0-9A-Za-z_\-]|$)`,
		SecretGroup: 1, Strict: true, Entropy: 3.5,
		Allow:    []string{"AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", "AIzaSyA-00000000000000000000000000000000"},
		Examples: Examples{Positive: []string{`apiKey: "AIza{url:35}"`}, Negative: []string{"AIzaShort"}},
	})
	add(prefixed("gcp-oauth-client-secret", "Google OAuth client secret", sevH, []string{"gocspx-"},
		`\b(GOCSPX-[A-Za-z0-9_\-]{28})(?:[^A-Za-z0-9_\-]|$)`, `"client_secret": "GOCSPX-{url:28}"`))
	add(prefixed("gcp-oauth-access-token", "Google OAuth access token", sevH, []string{"ya29."},
		`\b(ya29\.[A-Za-z0-9_\-]{60,})`, "Authorization: Bearer ya29.{url:120}"))
	add(prefixed("gcp-oauth-refresh-token", "Google OAuth refresh token", sevH, []string{"1//0"},
		`(?:^|[^A-Za-z0-9/])(1//0[A-Za-z0-9_\-]{60,})`, `"refresh_token": "1//0{url:100}"`))
	add(prefixed("firebase-fcm-server-key", "Firebase Cloud Messaging server key", sevH, []string{":apa91b"},
		`\b(AAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{134})`, "key=AAAA{url:7}:APA91b{url:134}"))

	// ---- Azure ----
	add(&Rule{
		ID: "azure-cosmosdb-key", Description: "Azure Cosmos DB account key", Severity: sevC,
		Keywords: []string{"documents.azure.com"}, Pattern: `(?i)AccountEndpoint=https://[a-z0-9\-]+\.documents\.azure\.com[^;]*;AccountKey=([A-Za-z0-9+/]{86}==)`,
		SecretGroup: 1, Strict: true,
		Examples: Examples{Positive: []string{"AccountEndpoint=https://db.documents.azure.com:443/;AccountKey={b64:86}==;"}},
	})
	add(&Rule{
		ID: "azure-storage-account-key", Description: "Azure storage account key (connection string)", Severity: sevC,
		Keywords: []string{"accountkey="}, Pattern: `(?i)AccountKey=([A-Za-z0-9+/]{86}==)`,
		SecretGroup: 1, Strict: true, Entropy: 4,
		Allow: []string{"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="},
		Examples: Examples{
			Positive: []string{"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={b64:86}==;EndpointSuffix=core.windows.net"},
			Negative: []string{"AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"},
		},
	})
	add(&Rule{
		ID: "azure-sas-token", Description: "Azure shared access signature", Severity: sevH,
		Keywords: []string{"sig="}, Pattern: `(?i)[?&;]sv=\d{4}-\d\d-\d\d&[^\s"'<>]{0,300}?\bsig=([A-Za-z0-9%+/]{43,60}(?:%3D|=)?)`,
		SecretGroup: 1, Strict: true, Entropy: 3.5,
		Examples: Examples{Positive: []string{"https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig={an:44}%3D"}},
	})
	add(prefixed("azure-ad-client-secret", "Microsoft Entra ID (Azure AD) client secret", sevH, []string{"q~"},
		`(?:^|[^A-Za-z0-9_~.\-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?:[^A-Za-z0-9_~.\-]|$)`,
		`client_secret = "{an:3}8Q~{an:31}"`))
	add(&Rule{
		ID: "azure-devops-pat", Description: "Azure DevOps personal access token", Severity: sevH,
		Keywords: []string{"azdo"}, Pattern: `\b([A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-D][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4})\b`,
		SecretGroup: 1, Strict: true,
		Examples: Examples{Positive: []string{"ADO_PAT={an:52}JQQJ99{an:1}B{an:16}AZDO{an:4}"}},
	})
	add(contextual("azure-devops-pat-legacy", "Azure DevOps personal access token (legacy)", sevH,
		[]string{"azure_devops", "azuredevops", "ado_pat", "ado_token", "vsts", "devops_pat", "system_accesstoken"}, `[a-z2-7]{52}`,
		"AZURE_DEVOPS_PAT={al:30}234567{al:16}"))

	// ---- GitHub ----
	ghCheck := func(c *candidate) bool { return validChecksumToken(c.secret) }
	gh := func(id, desc, prefix string) *Rule {
		r := prefixed(id, desc, sevC, []string{prefix}, `\b(`+prefix+`[A-Za-z0-9]{36})\b`, "token: {gh:"+prefix+"}", "{gh:"+prefix+"}")
		r.check = ghCheck
		r.Examples.Negative = append(r.Examples.Negative, prefix+"{an:36}", prefix+"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
		return r
	}
	add(
		gh("github-pat", "GitHub personal access token (classic)", "ghp_"),
		gh("github-oauth-token", "GitHub OAuth access token", "gho_"),
		gh("github-user-to-server-token", "GitHub App user-to-server token", "ghu_"),
		gh("github-server-to-server-token", "GitHub App installation token", "ghs_"),
		gh("github-refresh-token", "GitHub App refresh token", "ghr_"),
	)
	add(prefixed("github-fine-grained-pat", "GitHub fine-grained personal access token", sevC, []string{"github_pat_"},
		`\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`, "GH_TOKEN=github_pat_{an:22}_{an:59}"))

	// ---- GitLab ----
	add(
		prefixed("gitlab-pat", "GitLab personal access token", sevC, []string{"glpat-"}, `\b(glpat-[A-Za-z0-9_\-]{20}(?:[A-Za-z0-9_\-.]{7,40})?)(?:[^A-Za-z0-9_\-.]|$)`, "GITLAB_TOKEN=glpat-{url:20}"),
		prefixed("gitlab-deploy-token", "GitLab deploy token", sevH, []string{"gldt-"}, `\b(gldt-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)`, "gldt-{an:20}"),
		prefixed("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", sevH, []string{"glptt-"}, `\b(glptt-[0-9a-f]{40})\b`, "token=glptt-{hex:40}"),
		prefixed("gitlab-runner-token", "GitLab runner authentication token", sevH, []string{"glrt-"}, `\b(glrt-[A-Za-z0-9_\-]{20,})(?:[^A-Za-z0-9_\-]|$)`, "token = \"glrt-{url:20}\""),
		prefixed("gitlab-runner-registration-token", "GitLab runner registration token", sevH, []string{"gr1348941"}, `\b(GR1348941[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)`, "registration-token: GR1348941{an:20}"),
		prefixed("gitlab-scim-token", "GitLab SCIM OAuth token", sevH, []string{"glsoat-"}, `\b(glsoat-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)`, "glsoat-{an:20}"),
		prefixed("gitlab-oauth-app-secret", "GitLab OAuth application secret", sevH, []string{"gloas-"}, `\b(gloas-[0-9a-f]{64})\b`, "gloas-{hex:64}"),
		prefixed("gitlab-feed-token", "GitLab feed token", sevM, []string{"glft-"}, `\b(glft-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)`, "glft-{an:20}"),
		prefixed("gitlab-incoming-mail-token", "GitLab incoming mail token", sevM, []string{"glimt-"}, `\b(glimt-[A-Za-z0-9_\-]{25})(?:[^A-Za-z0-9_\-]|$)`, "glimt-{an:25}"),
		prefixed("gitlab-agent-token", "GitLab Kubernetes agent token", sevH, []string{"glagent-"}, `\b(glagent-[A-Za-z0-9_\-]{50})(?:[^A-Za-z0-9_\-]|$)`, "glagent-{an:50}"),
		prefixed("gitlab-ci-build-token", "GitLab CI/CD job token", sevH, []string{"glcbt-"}, `\b(glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_\-]{20})(?:[^A-Za-z0-9_\-]|$)`, "glcbt-64_{an:20}"),
		prefixed("gitlab-feature-flag-token", "GitLab feature flags client token", sevM, []string{"glffct-"}, `\b(glffct-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$)`, "glffct-{an:20}"),
	)

	// ---- Atlassian, Bitbucket ----
	add(
		prefixed("atlassian-api-token", "Atlassian API token", sevH, []string{"atatt3"}, `\b(ATATT3[A-Za-z0-9_\-=]{186})\b`, "JIRA_TOKEN=ATATT3{url:186}"),
		prefixed("bitbucket-app-password", "Bitbucket app password", sevH, []string{"atbb"}, `\b(ATBB[A-Za-z0-9_=.\-]{32})(?:[^A-Za-z0-9_\-]|$)`, "BITBUCKET_APP_PASSWORD=ATBB{an:32}"),
		contextual("atlassian-api-token-legacy", "Atlassian API token (legacy)", sevH, []string{"atlassian", "confluence", "jira"}, `[A-Za-z0-9]{24}`, "JIRA_API_TOKEN: {an:24}"),
		contextual("bitbucket-client-secret", "Bitbucket OAuth client secret", sevH, []string{"bitbucket"}, `[A-Za-z0-9=_\-]{64}`, "bitbucket_secret = \"{an:64}\""),
	)

	// ---- Slack, Discord, Telegram, Teams ----
	add(
		prefixed("slack-bot-token", "Slack bot token", sevH, []string{"xoxb-"}, `\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-?[A-Za-z0-9]{24,34})\b`, "SLACK_BOT_TOKEN=xoxb-{d:12}-{d:13}-{an:24}"),
		prefixed("slack-user-token", "Slack user token", sevH, []string{"xoxp-"}, `\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32})\b`, "xoxp-{d:12}-{d:12}-{d:12}-{hex:32}"),
		prefixed("slack-legacy-token", "Slack legacy workspace token", sevH, []string{"xoxa-", "xoxs-", "xoxo-", "xoxr-"}, `\b(xox[aros]-[0-9]{1,13}-[0-9a-zA-Z\-]{10,72})(?:[^A-Za-z0-9_\-]|$)`, "xoxa-2-{an:40}", "xoxs-{d:10}-{an:30}"),
		prefixed("slack-config-token", "Slack configuration token", sevH, []string{"xoxe."}, `\b(xoxe\.xox[bp]-\d-[A-Z0-9]{163,166})\b`, "xoxe.xoxp-1-{uc:164}"),
		prefixed("slack-refresh-token", "Slack configuration refresh token", sevH, []string{"xoxe-"}, `\b(xoxe-\d-[A-Z0-9]{146})\b`, "xoxe-1-{uc:146}"),
		prefixed("slack-app-token", "Slack app-level token", sevH, []string{"xapp-"}, `\b(xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)\b`, "SLACK_APP_TOKEN=xapp-1-A{uc:10}-{d:13}-{hex:64}"),
		prefixed("slack-webhook-url", "Slack incoming webhook", sevH, []string{"hooks.slack.com"}, `(https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})`, "url: https://hooks.slack.com/services/T{uc:8}/B{uc:8}/{an:24}"),
		prefixed("discord-webhook-url", "Discord webhook", sevM, []string{"discord.com/api/webhooks", "discordapp.com/api/webhooks"}, `(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_\-]{60,70})`, "https://discord.com/api/webhooks/{d:18}/{url:68}"),
		contextual("discord-bot-token", "Discord bot token", sevH, []string{"discord"}, `[MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}`, "DISCORD_TOKEN=MT{an:22}.{an:6}.{url:27}"),
		prefixed("telegram-bot-token", "Telegram bot token", sevH, []string{":aa"}, `(?:^|[^0-9])([0-9]{8,10}:AA[A-Za-z0-9_\-]{33})(?:[^A-Za-z0-9_\-]|$)`, "TELEGRAM_BOT_TOKEN={d:10}:AA{url:33}"),
		prefixed("microsoft-teams-webhook", "Microsoft Teams incoming webhook", sevM, []string{"webhook.office.com"}, `(https://[a-z0-9\-]+\.webhook\.office\.com/webhookb2/[a-z0-9\-]{36}@[a-z0-9\-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-z0-9\-]{36})`, "https://acme.webhook.office.com/webhookb2/{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}@{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}/IncomingWebhook/{hex:32}/{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		prefixed("mattermost-webhook", "Mattermost incoming webhook", sevM, []string{"/hooks/"}, `(https://[a-z0-9.\-]*mattermost[a-z0-9.\-]*/hooks/[a-z0-9]{26})\b`, "https://chat.mattermost.example.org/hooks/{lc:26}"),
	)

	// ---- Payments ----
	add(
		&Rule{
			ID: "stripe-secret-key", Description: "Stripe live secret key", Severity: sevC,
			Keywords: []string{"sk_live_"}, Pattern: `\b(sk_live_[A-Za-z0-9]{24,247})\b`, SecretGroup: 1, Strict: true,
			Allow:    []string{"sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
			Examples: Examples{Positive: []string{"STRIPE_SECRET_KEY=sk_live_{an:24}"}, Negative: []string{"sk_live_4eC39HqLyjWDarjtT1zdp7dc"}},
		},
		prefixed("stripe-restricted-key", "Stripe live restricted key", sevH, []string{"rk_live_"}, `\b(rk_live_[A-Za-z0-9]{24,247})\b`, "rk_live_{an:99}"),
		&Rule{
			ID: "stripe-test-secret-key", Description: "Stripe test-mode secret key", Severity: sevL,
			Keywords: []string{"sk_test_"}, Pattern: `\b(sk_test_[A-Za-z0-9]{24,247})\b`, SecretGroup: 1, Strict: true,
			Allow:    []string{"sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2", "sk_test_26PHem9AhJZvU623DfE1x4sd"},
			Examples: Examples{Positive: []string{"sk_test_{an:24}"}, Negative: []string{"Stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\""}},
		},
		prefixed("stripe-webhook-secret", "Stripe webhook signing secret", sevH, []string{"whsec_"}, `\b(whsec_[A-Za-z0-9]{32,64})\b`, "STRIPE_WEBHOOK_SECRET=whsec_{an:32}"),
		prefixed("square-access-token", "Square access token", sevH, []string{"eaaa", "sq0atp-"}, `\b((?:EAAA|sq0atp-)[A-Za-z0-9_\-]{22,60})(?:[^A-Za-z0-9_\-]|$)`, "SQUARE_TOKEN=EAAA{url:60}", "sq0atp-{url:22}"),
		prefixed("square-oauth-secret", "Square OAuth secret", sevH, []string{"sq0csp-"}, `\b(sq0csp-[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)`, "sq0csp-{url:43}"),
		prefixed("paypal-braintree-access-token", "PayPal Braintree access token", sevC, []string{"access_token$production$"}, `(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})`, "access_token$production${lc:16}${hex:32}"),
		contextual("braintree-private-key", "Braintree private key", sevH, []string{"braintree"}, `[0-9a-f]{32}`, "BRAINTREE_PRIVATE_KEY={hex:32}"),
		contextual("paypal-client-secret", "PayPal client secret", sevH, []string{"paypal"}, `E[A-Za-z0-9_\-]{79}`, "PAYPAL_CLIENT_SECRET=E{url:79}"),
		prefixed("shopify-access-token", "Shopify access token", sevH, []string{"shpat_"}, `\b(shpat_[a-fA-F0-9]{32})\b`, "shpat_{hex:32}"),
		prefixed("shopify-shared-secret", "Shopify shared secret", sevH, []string{"shpss_"}, `\b(shpss_[a-fA-F0-9]{32})\b`, "shpss_{hex:32}"),
		prefixed("shopify-custom-app-token", "Shopify custom app access token", sevH, []string{"shpca_"}, `\b(shpca_[a-fA-F0-9]{32})\b`, "shpca_{hex:32}"),
		prefixed("shopify-private-app-token", "Shopify private app access token", sevH, []string{"shppa_"}, `\b(shppa_[a-fA-F0-9]{32})\b`, "shppa_{hex:32}"),
		prefixed("flutterwave-secret-key", "Flutterwave secret key", sevH, []string{"flwseck"}, `\b(FLWSECK(?:_TEST)?-[a-h0-9]{32}-X)`, "FLWSECK-{hex:32}-X"),
		prefixed("razorpay-key", "Razorpay API key", sevM, []string{"rzp_live_"}, `\b(rzp_live_[A-Za-z0-9]{14})\b`, "rzp_live_{an:14}"),
		prefixed("plaid-access-token", "Plaid access token", sevH, []string{"access-production-", "access-development-"}, `\b(access-(?:production|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`, "access-production-{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		prefixed("shippo-api-token", "Shippo API token", sevM, []string{"shippo_live_"}, `\b(shippo_live_[a-f0-9]{40})\b`, "shippo_live_{hex:40}"),
		prefixed("easypost-api-key", "EasyPost API key", sevM, []string{"ezak"}, `\b(EZAK[A-Za-z0-9]{54})\b`, "EZAK{an:54}"),
		prefixed("duffel-api-token", "Duffel API token", sevM, []string{"duffel_live_"}, `\b(duffel_live_[A-Za-z0-9_\-=]{43})`, "duffel_live_{url:43}"),
		contextual("coinbase-api-secret", "Coinbase API secret", sevH, []string{"coinbase"}, `[A-Za-z0-9+/]{32,88}={0,2}`, "COINBASE_API_SECRET={b64:64}"),
	)

	// ---- Messaging and email ----
	add(
		prefixed("sendgrid-api-key", "SendGrid API key", sevH, []string{"sg."}, `\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)`, "SENDGRID_API_KEY=SG.{url:22}.{url:43}"),
		contextual("twilio-api-key", "Twilio API key", sevH, []string{"twilio"}, `SK[0-9a-fA-F]{32}`, "TWILIO_API_KEY=SK{hex:32}"),
		contextual("twilio-auth-token", "Twilio auth token", sevH, []string{"twilio_auth", "twilioauth", "twilio_token", "twilio-auth"}, `[0-9a-f]{32}`, "TWILIO_AUTH_TOKEN={hex:32}"),
		prefixed("mailgun-api-key", "Mailgun API key", sevH, []string{"key-"}, `(?:^|[^A-Za-z0-9_\-])(key-[0-9a-f]{32})\b`, "MAILGUN_KEY=key-{hex:32}"),
		contextual("mailgun-private-key", "Mailgun private API key", sevH, []string{"mailgun"}, `[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}`, "MAILGUN_API_KEY={hex:32}-{hex:8}-{hex:8}"),
		prefixed("mailchimp-api-key", "Mailchimp API key", sevH, []string{"-us"}, `\b([0-9a-f]{32}-us[0-9]{1,2})\b`, "MAILCHIMP_KEY={hex:32}-us14"),
		prefixed("mandrill-api-key", "Mandrill API key", sevM, []string{"md-"}, `(?i:mandrill)[A-Za-z0-9_.\-]{0,20}["']?[ \t]*[:=][ \t]*["']?(md-[A-Za-z0-9_\-]{22})(?:[^A-Za-z0-9_\-]|$)`, "MANDRILL_KEY=md-{url:22}"),
		prefixed("brevo-api-key", "Brevo (Sendinblue) API key", sevH, []string{"xkeysib-"}, `\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b`, "xkeysib-{hex:64}-{an:16}"),
		contextual("postmark-server-token", "Postmark server token", sevH, []string{"postmark"}, `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "POSTMARK_SERVER_TOKEN={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		contextual("mailjet-secret", "Mailjet API secret", sevH, []string{"mailjet"}, `[0-9a-f]{32}`, "MAILJET_SECRET_KEY={hex:32}"),
		contextual("intercom-access-token", "Intercom access token", sevH, []string{"intercom"}, `dG9rOj[A-Za-z0-9+/=]{50,70}`, "INTERCOM_TOKEN=dG9rOj{b64:54}="),
		contextual("zendesk-api-token", "Zendesk API token", sevH, []string{"zendesk"}, `[A-Za-z0-9]{40}`, "ZENDESK_API_TOKEN={an:40}"),
	)

	// ---- Package registries ----
	add(
		&Rule{
			ID: "npm-access-token", Description: "npm access token", Severity: sevC,
			Keywords: []string{"npm_"}, Pattern: `\b(npm_[A-Za-z0-9]{36})\b`, SecretGroup: 1, Strict: true,
			check:    func(c *candidate) bool { return validChecksumToken(c.secret) },
			Examples: Examples{Positive: []string{"//registry.npmjs.org/:_authToken={gh:npm_}"}, Negative: []string{"npm_{an:36}", "npm_config_cache"}},
		},
		prefixed("pypi-upload-token", "PyPI upload token", sevC, []string{"pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"}, `\b(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,})`, "password = pypi-AgEIcHlwaS5vcmc{url:140}"),
		prefixed("rubygems-api-key", "RubyGems API key", sevH, []string{"rubygems_"}, `\b(rubygems_[0-9a-f]{48})\b`, ":rubygems_api_key: rubygems_{hex:48}"),
		prefixed("nuget-api-key", "NuGet API key", sevH, []string{"oy2"}, `\b(oy2[a-z0-9]{43})\b`, "nuget push -ApiKey oy2{lc:43}"),
		prefixed("dockerhub-pat", "Docker Hub personal access token", sevH, []string{"dckr_pat_"}, `\b(dckr_pat_[A-Za-z0-9_\-]{27})(?:[^A-Za-z0-9_\-]|$)`, "DOCKERHUB_TOKEN=dckr_pat_{url:27}"),
		prefixed("dockerhub-oat", "Docker Hub organization access token", sevH, []string{"dckr_oat_"}, `\b(dckr_oat_[A-Za-z0-9_\-]{32})(?:[^A-Za-z0-9_\-]|$)`, "dckr_oat_{url:32}"),
		prefixed("clojars-api-token", "Clojars deploy token", sevH, []string{"clojars_"}, `(?i)\b(CLOJARS_[a-z0-9]{60})\b`, "CLOJARS_{lc:60}"),
		prefixed("jfrog-api-key", "JFrog Artifactory API key", sevH, []string{"akcp"}, `\b(AKCp[A-Za-z0-9]{69})\b`, "artifactory_api_key: AKCp{an:69}"),
		prefixed("jfrog-reference-token", "JFrog Artifactory reference token", sevH, []string{"cmvmdgtu"}, `\b(cmVmdGtu[A-Za-z0-9]{56})\b`, "ARTIFACTORY_TOKEN=cmVmdGtu{an:56}"),
		prefixed("cratesio-api-token", "crates.io API token", sevH, []string{"cio"}, `\b(cio[A-Za-z0-9]{32})\b`, "CARGO_REGISTRY_TOKEN=cio{an:32}"),
		prefixed("packagist-token", "Private Packagist token", sevH, []string{"packagist_"}, `\b(packagist_[ou][ru]t_[a-f0-9]{68})\b`, "packagist_uut_{hex:68}"),
		prefixed("sonatype-nexus-token", "Sonatype Nexus user token", sevM, []string{"nexus"}, `(?i:nexus[A-Za-z0-9_.\-]{0,20}(?:token|password|pass))["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9+/=]{20,})\b`, "NEXUS_TOKEN={b64:44}"),
	)

	// ---- Infrastructure, CI/CD, secrets managers ----
	add(
		prefixed("vault-service-token", "HashiCorp Vault service token", sevC, []string{"hvs."}, `\b(hvs\.[A-Za-z0-9_\-]{24,})(?:[^A-Za-z0-9_\-]|$)`, "VAULT_TOKEN=hvs.{url:90}"),
		prefixed("vault-batch-token", "HashiCorp Vault batch token", sevH, []string{"hvb."}, `\b(hvb\.[A-Za-z0-9_\-]{138,300})(?:[^A-Za-z0-9_\-]|$)`, "hvb.{url:140}"),
		prefixed("vault-recovery-token", "HashiCorp Vault recovery token", sevH, []string{"hvr."}, `\b(hvr\.[A-Za-z0-9_\-]{24,})(?:[^A-Za-z0-9_\-]|$)`, "hvr.{url:24}"),
		contextual("vault-legacy-token", "HashiCorp Vault token (legacy)", sevH, []string{"vault"}, `s\.[A-Za-z0-9]{24}`, "VAULT_TOKEN=s.{an:24}"),
		prefixed("terraform-cloud-token", "Terraform Cloud / Enterprise API token", sevC, []string{".atlasv1."}, `\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,70})\b`, "token = \"{an:14}.atlasv1.{url:67}\""),
		prefixed("pulumi-access-token", "Pulumi access token", sevH, []string{"pul-"}, `\b(pul-[a-f0-9]{40})\b`, "PULUMI_ACCESS_TOKEN=pul-{hex:40}"),
		prefixed("doppler-token", "Doppler token", sevH, []string{"dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."}, `\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9_\-.]{40,44})\b`, "DOPPLER_TOKEN=dp.st.{an:43}"),
		prefixed("onepassword-service-account-token", "1Password service account token", sevC, []string{"ops_eyj"}, `\b(ops_eyJ[A-Za-z0-9+/=_\-]{250,})`, "OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ{url:260}"),
		prefixed("infisical-token", "Infisical service token", sevH, []string{"st."}, `\b(st\.[a-f0-9]{24}\.[a-f0-9]{32}\.[a-f0-9]{32})\b`, "st.{hex:24}.{hex:32}.{hex:32}"),
		prefixed("circleci-pat", "CircleCI personal API token", sevH, []string{"ccipat_"}, `\b(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})\b`, "CIRCLE_TOKEN=CCIPAT_{an:22}_{hex:40}"),
		contextual("circleci-token", "CircleCI API token", sevH, []string{"circleci", "circle_token", "circle-token"}, `[a-f0-9]{40}`, "CIRCLECI_TOKEN={hex:40}"),
		contextual("travis-ci-token", "Travis CI access token", sevH, []string{"travis"}, `[A-Za-z0-9_\-]{22}`, "TRAVIS_TOKEN={url:22}"),
		contextual("codecov-token", "Codecov upload token", sevM, []string{"codecov"}, `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "CODECOV_TOKEN={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		contextual("jenkins-api-token", "Jenkins API token", sevH, []string{"jenkins"}, `[0-9a-f]{32,34}`, "JENKINS_API_TOKEN=11{hex:32}"),
		prefixed("buildkite-token", "Buildkite agent/API token", sevH, []string{"bkua_"}, `\b(bkua_[a-f0-9]{40})\b`, "bkua_{hex:40}"),
		prefixed("harness-pat", "Harness access token", sevH, []string{"pat."}, `\b((?:pat|sat)\.[A-Za-z0-9_\-]{22}\.[0-9a-f]{24}\.[A-Za-z0-9]{20})\b`, "pat.{an:22}.{hex:24}.{an:20}"),
		prefixed("octopus-deploy-api-key", "Octopus Deploy API key", sevH, []string{"api-"}, `\b(API-[A-Z0-9]{26})\b`, "OCTOPUS_API_KEY=API-{uc:26}"),
		prefixed("sonarqube-token", "SonarQube token", sevH, []string{"squ_", "sqp_", "sqa_"}, `\b(sq[upa]_[a-f0-9]{40})\b`, "SONAR_TOKEN=squ_{hex:40}", "sqp_{hex:40}"),
		contextual("snyk-api-token", "Snyk API token", sevH, []string{"snyk"}, `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "SNYK_TOKEN={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		prefixed("tailscale-key", "Tailscale key", sevH, []string{"tskey-"}, `\b(tskey-(?:auth|api|client|webhook)-[A-Za-z0-9]{10,}-[A-Za-z0-9]{20,})\b`, "TS_AUTHKEY=tskey-auth-{an:16}-{an:32}"),
		prefixed("defined-networking-key", "Defined Networking API key", sevH, []string{"dnkey-"}, `\b(dnkey-[a-z0-9=_\-]{26}-[a-z0-9=_\-]{52})(?:[^A-Za-z0-9_\-]|$)`, "dnkey-{lc:26}-{lc:52}"),
		prefixed("kubernetes-bootstrap-token", "Kubernetes bootstrap token", sevH, []string{"token-secret", "--token"}, `(?:token-secret:[ \t]*["']?|kubeadm join[^\n]{0,200}--token[ =])([a-z0-9]{6}\.[a-z0-9]{16}|[a-z0-9]{16})\b`, "kubeadm join 10.0.0.1:6443 --token {lc:6}.{lc:16}"),
		prefixed("flyio-token", "Fly.io access token", sevH, []string{"flyv1 fm"}, `(FlyV1 fm[12]_[A-Za-z0-9+/=,_\-]{100,})`, "FLY_API_TOKEN=\"FlyV1 fm2_{b64:160}\""),
		prefixed("render-api-key", "Render API key", sevH, []string{"rnd_"}, `\b(rnd_[A-Za-z0-9]{32})\b`, "rnd_{an:32}"),
		prefixed("prefect-api-key", "Prefect API key", sevH, []string{"pnu_"}, `\b(pnu_[A-Za-z0-9]{36})\b`, "PREFECT_API_KEY=pnu_{an:36}"),
		prefixed("scalingo-api-token", "Scalingo API token", sevH, []string{"tk-us-"}, `\b(tk-us-[A-Za-z0-9_\-]{48})(?:[^A-Za-z0-9_\-]|$)`, "tk-us-{url:48}"),
		prefixed("infracost-api-key", "Infracost API key", sevM, []string{"ico-"}, `\b(ico-[A-Za-z0-9]{32})\b`, "INFRACOST_API_KEY=ico-{an:32}"),
		prefixed("readme-api-key", "ReadMe API key", sevM, []string{"rdme_"}, `\b(rdme_[a-z0-9]{70})\b`, "rdme_{lc:70}"),
	)

	// ---- Cloud and hosting providers ----
	add(
		prefixed("digitalocean-pat", "DigitalOcean personal access token", sevC, []string{"dop_v1_"}, `\b(dop_v1_[a-f0-9]{64})\b`, "DIGITALOCEAN_TOKEN=dop_v1_{hex:64}"),
		prefixed("digitalocean-oauth-token", "DigitalOcean OAuth token", sevH, []string{"doo_v1_"}, `\b(doo_v1_[a-f0-9]{64})\b`, "doo_v1_{hex:64}"),
		prefixed("digitalocean-refresh-token", "DigitalOcean refresh token", sevH, []string{"dor_v1_"}, `\b(dor_v1_[a-f0-9]{64})\b`, "dor_v1_{hex:64}"),
		contextual("digitalocean-legacy-token", "DigitalOcean API token (legacy)", sevH, []string{"digitalocean", "tugboat", "do_token", "access_token:"}, `[a-f0-9]{64}`, "DIGITALOCEAN_ACCESS_TOKEN={hex:64}"),
		prefixed("heroku-api-key-v2", "Heroku API key", sevH, []string{"hrku-"}, `\b(HRKU-[A-Za-z0-9_\-]{60})(?:[^A-Za-z0-9_\-]|$)`, "HEROKU_API_KEY=HRKU-{url:60}"),
		contextual("heroku-api-key", "Heroku API key (legacy)", sevH, []string{"heroku"}, `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}`, "HEROKU_API_KEY={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		prefixed("cloudflare-origin-ca-key", "Cloudflare Origin CA key", sevH, []string{"v1.0-"}, `\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b`, "v1.0-{hex:24}-{hex:146}"),
		contextual("cloudflare-api-token", "Cloudflare API token", sevH, []string{"cloudflare", "cf_api_token", "cf_token"}, `[A-Za-z0-9_\-]{40}`, "CLOUDFLARE_API_TOKEN={url:40}"),
		contextual("cloudflare-global-api-key", "Cloudflare global API key", sevC, []string{"cloudflare", "cf_api_key"}, `[a-f0-9]{37}`, "CLOUDFLARE_API_KEY={hex:37}"),
		contextual("fastly-api-token", "Fastly API token", sevH, []string{"fastly"}, `[A-Za-z0-9_\-]{32}`, "FASTLY_API_TOKEN={url:32}"),
		prefixed("netlify-pat", "Netlify personal access token", sevH, []string{"nfp_"}, `\b(nfp_[A-Za-z0-9]{36})\b`, "NETLIFY_AUTH_TOKEN=nfp_{an:36}"),
		contextual("netlify-access-token", "Netlify access token (legacy)", sevH, []string{"netlify"}, `[A-Za-z0-9_\-]{40,46}`, "NETLIFY_AUTH_TOKEN={url:43}"),
		contextual("vercel-token", "Vercel access token", sevH, []string{"vercel", "now_token", "zeit"}, `[A-Za-z0-9]{24}`, "VERCEL_TOKEN={an:24}"),
		prefixed("vercel-token-v2", "Vercel access token", sevH, []string{"vcp_", "vci_", "vca_", "vcr_", "vck_"}, `\b(vc[pirak]_[A-Za-z0-9]{56,64})\b`, "vcp_{an:56}"),
		prefixed("alibaba-access-key-id", "Alibaba Cloud AccessKey ID", sevH, []string{"ltai"}, `\b(LTAI[A-Za-z0-9]{20})\b`, "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI{an:20}"),
		contextual("alibaba-secret-key", "Alibaba Cloud AccessKey secret", sevC, []string{"alibaba", "aliyun", "alicloud"}, `[A-Za-z0-9]{30}`, "ALIBABA_CLOUD_ACCESS_KEY_SECRET={an:30}"),
		prefixed("tencent-secret-id", "Tencent Cloud SecretId", sevH, []string{"akid"}, `\b(AKID[A-Za-z0-9]{32})\b`, "TENCENTCLOUD_SECRET_ID=AKID{an:32}"),
		contextual("tencent-secret-key", "Tencent Cloud SecretKey", sevC, []string{"tencent", "qcloud"}, `[A-Za-z0-9]{32}`, "TENCENTCLOUD_SECRET_KEY={an:32}"),
		contextual("ibm-cloud-api-key", "IBM Cloud API key", sevH, []string{"ibm", "bluemix", "ibmcloud"}, `[A-Za-z0-9_\-]{44}`, "IBM_CLOUD_API_KEY={url:44}"),
		contextual("oracle-cloud-auth-token", "Oracle Cloud (OCI) auth token", sevH, []string{"oci_", "oracle"}, `[A-Za-z0-9()<>:;.+\-_#\[\]{}]{20}`, "OCI_AUTH_TOKEN={an:20}"),
		prefixed("yandex-api-key", "Yandex Cloud API key", sevH, []string{"aqvn"}, `\b(AQVN[A-Za-z0-9_\-]{35,38})(?:[^A-Za-z0-9_\-]|$)`, "AQVN{url:36}"),
		prefixed("yandex-aws-access-token", "Yandex Cloud static access key", sevH, []string{"ycaj", "ycaa", "ycak"}, `\b(YC[A-Za-z0-9_\-]{38})(?:[^A-Za-z0-9_\-]|$)`, "key_id: YCAJ{url:36}"),
		prefixed("scaleway-secret-key", "Scaleway secret key", sevH, []string{"scw_secret_key"}, `(?i)scw_secret_key[ \t]*[:=][ \t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, "SCW_SECRET_KEY={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		contextual("linode-token", "Linode (Akamai) personal access token", sevH, []string{"linode"}, `[a-f0-9]{64}`, "LINODE_TOKEN={hex:64}"),
		contextual("hetzner-api-token", "Hetzner Cloud API token", sevH, []string{"hcloud", "hetzner"}, `[A-Za-z0-9]{64}`, "HCLOUD_TOKEN={an:64}"),
		prefixed("supabase-pat", "Supabase personal access token", sevH, []string{"sbp_"}, `\b(sbp_[a-f0-9]{40})\b`, "SUPABASE_ACCESS_TOKEN=sbp_{hex:40}"),
		prefixed("planetscale-token", "PlanetScale token or password", sevH, []string{"pscale_tkn_", "pscale_pw_", "pscale_oauth_"}, `\b(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.\-]{32,64})`, "pscale_pw_{url:43}"),
		contextual("databricks-token-context", "Databricks access token", sevH, []string{"databricks_token"}, `dapi[a-f0-9]{32}(?:-\d)?`, "DATABRICKS_TOKEN=dapi{hex:32}"),
		prefixed("databricks-token", "Databricks access token", sevH, []string{"dapi"}, `\b(dapi[a-f0-9]{32}(?:-\d)?)\b`, "token = dapi{hex:32}-2"),
		contextual("snowflake-password", "Snowflake password", sevH, []string{"snowflake_password", "snowsql_pwd"}, `[^\s"']{8,64}`, "SNOWFLAKE_PASSWORD={an:16}"),
	)

	// ---- Observability ----
	add(
		contextual("datadog-api-key", "Datadog API key", sevH, []string{"datadog", "dd_api_key", "dd-api-key"}, `[a-f0-9]{32}`, "DD_API_KEY={hex:32}"),
		contextual("datadog-app-key", "Datadog application key", sevH, []string{"dd_app_key", "dd-application-key", "datadog_app", "dd_application_key"}, `[a-f0-9]{40}`, "DD_APP_KEY={hex:40}"),
		prefixed("newrelic-user-api-key", "New Relic user API key", sevH, []string{"nrak-"}, `\b(NRAK-[A-Z0-9]{27})\b`, "NEW_RELIC_API_KEY=NRAK-{uc:27}"),
		prefixed("newrelic-insert-key", "New Relic insights insert key", sevH, []string{"nrii-"}, `\b(NRII-[A-Za-z0-9_\-]{32})(?:[^A-Za-z0-9_\-]|$)`, "NRII-{url:32}"),
		prefixed("newrelic-query-key", "New Relic insights query key", sevM, []string{"nriq-"}, `\b(NRIQ-[A-Za-z0-9_\-]{32})(?:[^A-Za-z0-9_\-]|$)`, "NRIQ-{url:32}"),
		prefixed("newrelic-browser-key", "New Relic browser API token", sevL, []string{"nrjs-"}, `\b(NRJS-[a-f0-9]{19})\b`, "NRJS-{hex:19}"),
		prefixed("newrelic-license-key", "New Relic ingest license key", sevH, []string{"nral"}, `\b([a-f0-9]{36}NRAL)\b`, "license_key: {hex:36}NRAL"),
		prefixed("sentry-org-token", "Sentry organization auth token", sevH, []string{"sntrys_"}, `\b(sntrys_eyJ[A-Za-z0-9+/=_\-]{60,})`, "SENTRY_AUTH_TOKEN=sntrys_eyJ{b64:120}"),
		prefixed("sentry-user-token", "Sentry user auth token", sevH, []string{"sntryu_"}, `\b(sntryu_[a-f0-9]{64})\b`, "sntryu_{hex:64}"),
		contextual("sentry-auth-token-legacy", "Sentry auth token (legacy)", sevH, []string{"sentry_auth", "sentry_token", "sentry-auth"}, `[a-f0-9]{64}`, "SENTRY_AUTH_TOKEN={hex:64}"),
		prefixed("grafana-cloud-token", "Grafana Cloud API token", sevH, []string{"glc_"}, `\b(glc_[A-Za-z0-9+/]{32,400}={0,2})`, "GRAFANA_TOKEN=glc_{b64:80}"),
		prefixed("grafana-service-account-token", "Grafana service account token", sevH, []string{"glsa_"}, `\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b`, "glsa_{an:32}_{hex:8}"),
		prefixed("grafana-api-key", "Grafana API key", sevH, []string{"eyjrijoi"}, `\b(eyJrIjoi[A-Za-z0-9+/]{70,400}={0,2})`, "GF_API_KEY=eyJrIjoi{b64:80}"),
		prefixed("dynatrace-api-token", "Dynatrace API token", sevH, []string{"dt0c01."}, `\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b`, "DT_API_TOKEN=dt0c01.{uc:24}.{uc:64}"),
		contextual("pagerduty-api-key", "PagerDuty API key", sevH, []string{"pagerduty", "pager_duty"}, `[A-Za-z0-9+_\-]{20}`, "PAGERDUTY_TOKEN=u+{url:18}"),
		contextual("splunk-hec-token", "Splunk HTTP Event Collector token", sevH, []string{"splunk"}, `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "SPLUNK_HEC_TOKEN={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		contextual("sumologic-access-key", "Sumo Logic access key", sevH, []string{"sumo"}, `[A-Za-z0-9]{64}`, "SUMO_ACCESS_KEY={an:64}"),
		contextual("honeycomb-api-key", "Honeycomb API key", sevH, []string{"honeycomb"}, `[A-Za-z0-9]{22}|hc[a-z]{2}c_[a-z0-9]{58}`, "HONEYCOMB_API_KEY={an:22}"),
		contextual("launchdarkly-key", "LaunchDarkly SDK or API key", sevH, []string{"launchdarkly", "ld_sdk", "ld_api"}, `(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "LAUNCHDARKLY_SDK_KEY=sdk-{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		contextual("segment-write-key", "Segment write key", sevM, []string{"segment"}, `[A-Za-z0-9]{32}`, "SEGMENT_WRITE_KEY={an:32}"),
		contextual("logdna-ingestion-key", "Mezmo (LogDNA) ingestion key", sevM, []string{"logdna", "mezmo"}, `[a-f0-9]{32}`, "LOGDNA_KEY={hex:32}"),
	)

	// ---- AI providers ----
	add(
		prefixed("openai-api-key", "OpenAI API key", sevC, []string{"t3blbkfj"}, `\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,74}T3BlbkFJ[A-Za-z0-9_\-]{20,74})(?:[^A-Za-z0-9_\-]|$)`, "OPENAI_API_KEY=sk-{an:20}T3BlbkFJ{an:20}", "sk-proj-{url:74}T3BlbkFJ{url:74}"),
		prefixed("openai-project-key", "OpenAI project API key", sevC, []string{"sk-proj-", "sk-svcacct-", "sk-admin-"}, `\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{80,200})(?:[^A-Za-z0-9_\-]|$)`, "sk-proj-{url:156}"),
		prefixed("anthropic-api-key", "Anthropic API key", sevC, []string{"sk-ant-api03-"}, `\b(sk-ant-api03-[A-Za-z0-9_\-]{93}AA)\b`, "ANTHROPIC_API_KEY=sk-ant-api03-{url:93}AA"),
		prefixed("anthropic-admin-key", "Anthropic admin API key", sevC, []string{"sk-ant-admin01-"}, `\b(sk-ant-admin01-[A-Za-z0-9_\-]{93}AA)\b`, "sk-ant-admin01-{url:93}AA"),
		prefixed("huggingface-token", "Hugging Face access token", sevH, []string{"hf_"}, `\b(hf_[A-Za-z]{34})\b`, "HF_TOKEN=hf_{an:0}{al:12}QwErTy{al:16}"),
		prefixed("huggingface-org-token", "Hugging Face organization token", sevH, []string{"api_org_"}, `\b(api_org_[A-Za-z]{34})\b`, "api_org_{al:10}XyZ{al:21}"),
		prefixed("groq-api-key", "Groq API key", sevH, []string{"gsk_"}, `\b(gsk_[A-Za-z0-9]{52})\b`, "GROQ_API_KEY=gsk_{an:52}"),
		prefixed("replicate-api-token", "Replicate API token", sevH, []string{"r8_"}, `\b(r8_[A-Za-z0-9]{37})\b`, "REPLICATE_API_TOKEN=r8_{an:37}"),
		prefixed("perplexity-api-key", "Perplexity API key", sevH, []string{"pplx-"}, `\b(pplx-[A-Za-z0-9]{48})\b`, "pplx-{an:48}"),
		prefixed("xai-api-key", "xAI API key", sevH, []string{"xai-"}, `\b(xai-[A-Za-z0-9]{80})\b`, "XAI_API_KEY=xai-{an:80}"),
		prefixed("langsmith-api-key", "LangSmith API key", sevH, []string{"lsv2_"}, `\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\b`, "lsv2_pt_{hex:32}_{hex:10}"),
		contextual("cohere-api-key", "Cohere API key", sevH, []string{"cohere", "co_api_key"}, `[A-Za-z0-9]{40}`, "COHERE_API_KEY={an:40}"),
		contextual("mistral-api-key", "Mistral AI API key", sevH, []string{"mistral"}, `[A-Za-z0-9]{32}`, "MISTRAL_API_KEY={an:32}"),
		contextual("pinecone-api-key", "Pinecone API key", sevH, []string{"pinecone"}, `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|pcsk_[A-Za-z0-9_]{60,80}`, "PINECONE_API_KEY={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		contextual("azure-openai-key", "Azure OpenAI key", sevH, []string{"azure_openai", "azureopenai", "openai_api_key"}, `[a-f0-9]{32}`, "AZURE_OPENAI_KEY={hex:32}"),
	)

	// ---- SaaS ----
	add(
		prefixed("linear-api-key", "Linear API key", sevH, []string{"lin_api_"}, `\b(lin_api_[A-Za-z0-9]{40})\b`, "LINEAR_API_KEY=lin_api_{an:40}"),
		contextual("linear-client-secret", "Linear OAuth client secret", sevH, []string{"linear"}, `[a-f0-9]{32}`, "LINEAR_CLIENT_SECRET={hex:32}"),
		contextual("okta-api-token", "Okta API token", sevH, []string{"okta"}, `00[A-Za-z0-9_\-]{40}`, "OKTA_API_TOKEN=00{url:40}"),
		contextual("auth0-client-secret", "Auth0 client secret", sevH, []string{"auth0"}, `[A-Za-z0-9_\-]{64}`, "AUTH0_CLIENT_SECRET={url:64}"),
		prefixed("postman-api-key", "Postman API key", sevH, []string{"pmak-"}, `\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b`, "POSTMAN_API_KEY=PMAK-{hex:24}-{hex:34}"),
		contextual("algolia-admin-key", "Algolia admin API key", sevH, []string{"algolia"}, `[a-f0-9]{32}`, "ALGOLIA_ADMIN_KEY={hex:32}"),
		prefixed("asana-pat", "Asana personal access token", sevH, []string{"asana", "2/1"}, `\b([0-2]/[0-9]{16}(?:/[0-9]{16})?:[A-Za-z0-9]{32})\b`, "ASANA_TOKEN=2/{d:16}/{d:16}:{an:32}"),
		prefixed("twitter-bearer-token", "Twitter/X bearer token", sevH, []string{"aaaaaaaaaaaaaaaaaaaaa"}, `\b(A{21}[A-Za-z0-9%]{80,120})\b`, "TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA{an:91}"),
		contextual("twitter-api-secret", "Twitter/X API secret", sevH, []string{"twitter", "consumer_secret"}, `[A-Za-z0-9]{50}`, "TWITTER_CONSUMER_SECRET={an:50}"),
		contextual("twitter-access-token", "Twitter/X access token", sevH, []string{"twitter"}, `[0-9]{15,25}-[A-Za-z0-9]{20,40}`, "TWITTER_ACCESS_TOKEN={d:19}-{an:40}"),
		prefixed("facebook-access-token", "Facebook access token", sevH, []string{"eaace", "eaab", "eaag"}, `\b(EAA(?:CEdEose0cBA|B|G)[A-Za-z0-9]{80,250})\b`, "FB_TOKEN=EAACEdEose0cBA{an:100}"),
		contextual("facebook-app-secret", "Facebook app secret", sevH, []string{"facebook", "fb_app_secret", "fb_secret"}, `[a-f0-9]{32}`, "FACEBOOK_APP_SECRET={hex:32}"),
		contextual("linkedin-client-secret", "LinkedIn client secret", sevH, []string{"linkedin"}, `[A-Za-z0-9]{16}`, "LINKEDIN_CLIENT_SECRET={an:16}"),
		prefixed("dropbox-short-lived-token", "Dropbox short-lived access token", sevH, []string{"sl."}, `(?:^|[^A-Za-z0-9.])(sl\.[A-Za-z0-9_\-]{130,152})(?:[^A-Za-z0-9_\-]|$)`, "DROPBOX_TOKEN=sl.{url:140}"),
		prefixed("dropbox-long-lived-token", "Dropbox long-lived access token", sevH, []string{"aaaaaaaaaa"}, `\b([a-z0-9]{11}AAAAAAAAAA[a-z0-9_=\-]{43})(?:[^a-z0-9_=\-]|$)`, "dropbox_token: {lc:11}AAAAAAAAAA{lc:43}"),
		prefixed("contentful-pat", "Contentful personal access token", sevH, []string{"cfpat-"}, `\b(CFPAT-[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)`, "CFPAT-{url:43}"),
		contextual("contentful-delivery-token", "Contentful delivery API token", sevM, []string{"contentful"}, `[A-Za-z0-9_\-]{43}`, "CONTENTFUL_ACCESS_TOKEN={url:43}"),
		prefixed("airtable-pat", "Airtable personal access token", sevH, []string{"pat"}, `\b(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b`, "AIRTABLE_TOKEN=pat{an:14}.{hex:64}"),
		prefixed("notion-integration-token", "Notion integration token", sevH, []string{"ntn_", "secret_"}, `\b(ntn_[0-9]{11}[A-Za-z0-9]{32,35}|secret_[A-Za-z0-9]{43})\b`, "NOTION_TOKEN=ntn_{d:11}{an:35}", "NOTION_KEY=secret_{an:43}"),
		prefixed("figma-pat", "Figma personal access token", sevH, []string{"figd_"}, `\b(figd_[A-Za-z0-9_\-]{40})(?:[^A-Za-z0-9_\-]|$)`, "FIGMA_TOKEN=figd_{url:40}"),
		prefixed("frameio-token", "Frame.io API token", sevH, []string{"fio-u-"}, `\b(fio-u-[A-Za-z0-9_=\-]{64})(?:[^A-Za-z0-9_\-]|$)`, "fio-u-{url:64}"),
		prefixed("adobe-client-secret", "Adobe client secret", sevH, []string{"p8e-"}, `\b(p8e-[A-Za-z0-9\-]{32})(?:[^A-Za-z0-9_\-]|$)`, "ADOBE_CLIENT_SECRET=p8e-{an:32}"),
		prefixed("hubspot-pat", "HubSpot private app token", sevH, []string{"pat-na1-", "pat-eu1-"}, `\b(pat-(?:na|eu)1-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})\b`, "HUBSPOT_TOKEN=pat-na1-{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		prefixed("typeform-pat", "Typeform personal access token", sevM, []string{"tfp_"}, `\b(tfp_[A-Za-z0-9_\-=.]{59})`, "tfp_{url:59}"),
		prefixed("mapbox-secret-token", "Mapbox secret access token", sevH, []string{"sk.eyj1"}, `\b(sk\.eyJ1[A-Za-z0-9_\-]{50,}\.[A-Za-z0-9_\-]{20,})`, "MAPBOX_TOKEN=sk.eyJ1{url:60}.{url:22}"),
		prefixed("lob-api-key", "Lob API key", sevM, []string{"live_"}, `(?i:lob)[A-Za-z0-9_.\-]{0,20}["']?[ \t]*[:=][ \t]*["']?(live_[a-f0-9]{35})\b`, "LOB_API_KEY=live_{hex:35}"),
		contextual("shopify-legacy-password", "Shopify private app password", sevH, []string{"shopify"}, `[a-f0-9]{32}`, "SHOPIFY_PASSWORD={hex:32}"),
		contextual("twitch-api-token", "Twitch API token", sevH, []string{"twitch"}, `[a-z0-9]{30}`, "TWITCH_CLIENT_SECRET={lc:30}"),
		contextual("salesforce-secret", "Salesforce consumer secret or token", sevH, []string{"salesforce", "sfdc"}, `[A-Za-z0-9]{24,64}`, "SALESFORCE_SECURITY_TOKEN={an:25}"),
		prefixed("zapier-webhook-url", "Zapier webhook URL", sevM, []string{"hooks.zapier.com"}, `(https://hooks\.zapier\.com/hooks/catch/[0-9]{5,10}/[a-z0-9]{6,8})`, "ZAP=https://hooks.zapier.com/hooks/catch/{d:7}/{lc:7}/"),
		prefixed("sidekiq-enterprise-credentials", "Sidekiq Enterprise / Pro credentials", sevH, []string{"contribsys"}, `(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)[ \t]*[:=][ \t]*["']?([a-f0-9]{8}:[a-f0-9]{8})\b`, "BUNDLE_ENTERPRISE__CONTRIBSYS__COM={hex:8}:{hex:8}"),
		contextual("mux-secret", "Mux token secret", sevM, []string{"mux_token_secret", "mux_secret"}, `[A-Za-z0-9+/]{75}`, "MUX_TOKEN_SECRET={b64:75}"),
		contextual("confluent-secret", "Confluent Cloud API secret", sevH, []string{"confluent", "sasl_password", "kafka_api_secret"}, `[A-Za-z0-9+/]{64}`, "CONFLUENT_API_SECRET={b64:64}"),
		contextual("browserstack-access-key", "BrowserStack access key", sevM, []string{"browserstack"}, `[A-Za-z0-9]{20}`, "BROWSERSTACK_ACCESS_KEY={an:20}"),
		contextual("saucelabs-access-key", "Sauce Labs access key", sevM, []string{"sauce"}, `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "SAUCE_ACCESS_KEY={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"),
		contextual("firebase-database-secret", "Firebase database secret", sevH, []string{"firebase"}, `[A-Za-z0-9]{40}`, "FIREBASE_DB_SECRET={an:40}"),
		contextual("rails-secret-key-base", "Rails secret_key_base", sevH, []string{"secret_key_base"}, `[a-f0-9]{64,128}`, "secret_key_base: {hex:128}"),
		contextual("django-secret-key", "Django SECRET_KEY", sevH, []string{"django_secret", "secret_key"}, `[A-Za-z0-9!@#$%^&*()_+=\-]{40,64}`, "SECRET_KEY = '{an:50}'"),
		contextual("laravel-app-key", "Laravel APP_KEY", sevH, []string{"app_key"}, `base64:[A-Za-z0-9+/]{43}=`, "APP_KEY=base64:{b64:43}="),
	)

	// ---- Tokens recognised by structure ----
	add(&Rule{
		ID: "jwt", Description: "JSON Web Token", Severity: sevM,
		Keywords:    []string{"eyj"},
		Pattern:     `\b(ey[A-Za-z0-9_\-]{10,}={0,2}\.ey[A-Za-z0-9_\-]{10,}={0,2}\.[A-Za-z0-9_\-]{16,}={0,2})`,
		SecretGroup: 1, Strict: true,
		Allow: []string{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},
		check: checkJWT,
		Examples: Examples{
			Positive: []string{"Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzAwMDAwMDAwfQ.{url:43}"}, // vouch:ignore (a rule example, not a credential)
			Negative: []string{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "eyJub3RfYV9qd3QiOjF9.eyJ4IjoxMjM0NTY3ODkwfQ.{url:43}"},
		},
	})
	add(&Rule{
		ID: "authorization-header", Description: "Credential in an HTTP Authorization header", Severity: sevH,
		Keywords:    []string{"authorization"},
		Pattern:     `(?i)authorization["']?\s*[:=,]\s*["']?(?:bearer|basic|token)\s+([A-Za-z0-9._~+/\-]{16,}={0,2})`,
		SecretGroup: 1, Entropy: 3.5, anchored: true,
		check: func(c *candidate) bool { return notReference(c) && !isPlaceholder(c.secret, nil) },
		Examples: Examples{
			Positive: []string{`curl -H "Authorization: Bearer {an:40}" https://api.example.org`},
			Negative: []string{`curl -H "Authorization: Bearer $TOKEN" https://api.example.org`, `headers["Authorization"] = "Bearer " + token`},
		},
	})

	// ---- Credential files ----
	add(
		&Rule{
			ID: "npmrc-auth-token", Description: ".npmrc registry auth token", Severity: sevC,
			Keywords:    []string{"_authtoken"},
			Pattern:     `(?i)_authToken[ \t]*=[ \t]*["']?([^\s"']{8,})`,
			SecretGroup: 1, Strict: true, check: notReference,
			Examples: Examples{
				Positive: []string{"//registry.npmjs.org/:_authToken={hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}"},
				Negative: []string{"//registry.npmjs.org/:_authToken=${NPM_TOKEN}"},
			},
		},
		&Rule{
			ID: "npmrc-auth", Description: ".npmrc basic auth or password", Severity: sevC,
			Keywords:    []string{"_auth", "_password"},
			Pattern:     `(?i)(?:_auth|_password)[ \t]*=[ \t]*["']?([A-Za-z0-9+/=]{8,})["']?[ \t]*(?:\r?\n|$)`,
			SecretGroup: 1, Strict: true, check: notReference, anchored: true,
			Examples: Examples{Positive: []string{"_auth = {b64:24}", "//npm.corp/:_password={b64:16}"}, Negative: []string{"_auth=${NPM_AUTH}"}},
		},
		&Rule{
			ID: "pypirc-password", Description: ".pypirc repository password", Severity: sevC,
			Keywords: []string{"password"}, Pattern: `(?m)^[ \t]*password[ \t]*[:=][ \t]*([^\s]+)`,
			SecretGroup: 1, pathSuffixes: []string{".pypirc"},
			check: func(c *candidate) bool { return c.file.base == ".pypirc" && notReference(c) },
		},
		&Rule{
			ID: "netrc-password", Description: ".netrc machine password", Severity: sevC,
			Keywords:    []string{"password"},
			Pattern:     `password[ \t]+([^\s]+)`,
			SecretGroup: 1, anchored: true,
			check: func(c *candidate) bool {
				b := c.file.base
				if b != ".netrc" && b != "_netrc" && b != ".authinfo" {
					lo := max(0, c.secretStart-300)
					ctx := string(c.buf[lo:c.secretStart])
					if !strings.Contains(ctx, "machine ") || !strings.Contains(ctx, "login ") {
						return false
					}
				}
				return literalInCredentialFile(c)
			},
			Examples: Examples{Positive: []string{"machine api.example.org login deploy password {an:16}"}, Negative: []string{"enter your password below"}},
		},
		&Rule{
			ID: "docker-config-auth", Description: "Docker registry credentials (config.json auths)", Severity: sevC,
			Keywords:    []string{`"auth"`},
			Pattern:     `"auth"\s*:\s*"([A-Za-z0-9+/=_\-]{8,})"`,
			SecretGroup: 1, Strict: true, check: dockerAuth,
			Examples: Examples{
				Positive: []string{`{"auths": {"registry.example.org": {"auth": "ZGVwbG95OnMzY3JldC1wYXNzd29yZC0xMjM0"}}}`}, // vouch:ignore (a rule example, not a credential)
				Negative: []string{`{"auths": {"r.example.org": {"auth": "dXNlcjo="}}}`},
			},
		},
		&Rule{
			ID: "kubernetes-secret", Description: "Kubernetes Secret manifest with data", Severity: sevH,
			Keywords:    []string{"kind: secret"},
			Pattern:     `(?m)kind:[ \t]*Secret[ \t]*\r?\n(?:[^\n]*\n){0,40}?(?:data|stringData):[ \t]*\r?\n[ \t]+[A-Za-z0-9_.\-]+:[ \t]*["']?([^\s"']{4,})`,
			SecretGroup: 1, MultiLine: 4 << 10,
			check: func(c *candidate) bool { return notReference(c) && !isPlaceholder(c.secret, nil) },
			Examples: Examples{
				Positive: []string{"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: {b64:24}\n"},
				Negative: []string{"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${DB_PASSWORD}\n"},
			},
		},
		&Rule{
			ID: "password-hash", Description: "Crypt password hash (shadow, htpasswd, bcrypt)", Severity: sevM,
			Keywords:    []string{"$apr1$", "$2y$", "$2a$", "$2b$", "$6$", "$5$", "$1$", "$y$", "{sha}"},
			Pattern:     `(\$(?:apr1|1)\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22}|\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}|\$[56]\$(?:rounds=\d+\$)?[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{43,86}|\$y\$[./A-Za-z0-9]+\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43}|\{SHA\}[A-Za-z0-9+/]{27}=)`,
			SecretGroup: 1, Strict: true,
			Examples: Examples{Positive: []string{"admin:$apr1${lc:8}${an:22}", "root:$6${an:16}${an:86}:19000:0:99999:7:::"}},
		},
		&Rule{
			ID: "rails-master-key", Description: "Rails master key", Severity: sevC,
			Keywords: []string{"master.key"}, Pattern: `\A\s*([0-9a-f]{32})\s*\z`, SecretGroup: 1,
			pathSuffixes: []string{"/master.key", "/credentials.key"},
		},
		&Rule{
			ID: "pgpass-password", Description: ".pgpass password", Severity: sevC,
			Keywords: []string{"pgpass"}, Pattern: `(?m)^[^#:\s][^:\s]*:(?:\d+|\*):[^:\s]+:[^:\s]+:([^\s]+)$`, SecretGroup: 1,
			pathSuffixes: []string{".pgpass"}, check: literalInCredentialFile,
		},
		&Rule{
			ID: "git-credentials", Description: "git credential store entry", Severity: sevC,
			Keywords: []string{"git-credentials"}, Pattern: `(?m)^https?://[^:\s]+:([^@\s]+)@\S+$`, SecretGroup: 1,
			pathSuffixes: []string{".git-credentials"}, check: literalInCredentialFile,
		},
		&Rule{
			ID: "wordpress-auth-key", Description: "WordPress authentication key or salt", Severity: sevH,
			Keywords:    []string{"_key'", "_salt'", "_key\"", "_salt\""},
			Pattern:     `define\(\s*['"](?:AUTH|SECURE_AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)['"]\s*,\s*'([^'\n]{32,})'\s*\)`,
			SecretGroup: 1, Entropy: 4,
			check: func(c *candidate) bool {
				return !isPlaceholder(c.secret, nil) && !strings.Contains(string(c.secret), "unique phrase")
			},
			Examples: Examples{
				Positive: []string{"define('AUTH_KEY',         'MW1p{an:20}(>M%0Vl 2(#o0|2$cB+K|.G$hB~4`Juw@]');"}, // vouch:ignore (a rule example, not a credential)
				Negative: []string{"define( 'AUTH_KEY',         'put your unique phrase here' );"},
			},
		},
		&Rule{
			ID: "jenkins-credentials-xml", Description: "Jenkins credentials.xml secret", Severity: sevH,
			Keywords: []string{"{aqaaabaaaa"}, Pattern: `<(?:password|secret|privateKey|passphrase|apiToken)>(\{AQAAABAAAA[A-Za-z0-9+/=]{20,}\})</`,
			SecretGroup: 1, Strict: true,
			Examples: Examples{Positive: []string{"<password>{AQAAABAAAA{b64:60}}</password>"}},
		},
		&Rule{
			ID: "filezilla-password", Description: "FileZilla stored password", Severity: sevH,
			Keywords: []string{`encoding="base64"`}, Pattern: `<Pass encoding="base64">([A-Za-z0-9+/=]{4,})</Pass>`,
			SecretGroup: 1, Strict: true,
			Examples: Examples{Positive: []string{`<Pass encoding="base64">{b64:16}</Pass>`}},
		},
	)

	// ---- Connection strings and URLs with credentials ----
	// dbURL builds a rule for URLs of the given schemes; kw lists its
	// keywords, comma-separated, the first one a scheme.
	dbURL := func(id, desc, schemes, kw string, pos ...string) *Rule {
		scheme := strings.TrimSuffix(strings.Split(kw, ",")[0], "://")
		pattern := `(?i)(?:` + schemes + `)://([^:@/\s"'` + "`" + `<>]+):([^@/\s"'` + "`" + `<>]+)@[A-Za-z0-9.\-_\[\]:]+`
		return &Rule{
			ID: id, Description: desc, Severity: sevC, Keywords: strings.Split(kw, ","),
			Pattern:     pattern,
			SecretGroup: 2, Strict: true, anchored: true,
			match: userinfoMatcher(pattern),
			check: urlPassword,
			Examples: Examples{Positive: pos, Negative: []string{
				scheme + "://user:${DB_PASSWORD}@db:5432/app",
				scheme + "://user:password@localhost/app",
				scheme + "://user:<password>@host/db",
			}},
		}
	}
	add(
		dbURL("postgres-url-password", "PostgreSQL connection URL with password", `postgres(?:ql)?|postgis|jdbc:postgresql`, "postgres,postgis", "DATABASE_URL=postgres://app:{an:16}@db.internal:5432/app"),
		dbURL("mysql-url-password", "MySQL connection URL with password", `mysql|mysql2|mariadb|jdbc:mysql|mysqlx`, "mysql,mariadb", "mysql://root:{an:12}@10.0.0.5:3306/shop", "url: mariadb://app:{an:12}@db/app"),
		dbURL("mongodb-url-password", "MongoDB connection URL with password", `mongodb(?:\+srv)?`, "mongodb", "uri: mongodb+srv://admin:{an:14}@cluster0.abcde.mongodb.net/db"),
		dbURL("redis-url-password", "Redis connection URL with password", `rediss?`, "redis", "REDIS_URL=redis://default:{an:20}@cache:6379/0"),
		dbURL("amqp-url-password", "AMQP (RabbitMQ) URL with password", `amqps?`, "amqp", "amqp://guest:{an:10}@mq:5672/"),
		dbURL("mssql-url-password", "SQL Server connection URL with password", `mssql|sqlserver|jdbc:sqlserver`, "sqlserver,mssql", "sqlserver://sa:{an:14}@sql:1433?database=app", "mssql://sa:{an:14}@sql:1433/app"),
		dbURL("ldap-url-password", "LDAP URL with password", `ldaps?`, "ldap", "ldap://cn=admin:{an:12}@ldap.corp:389"),
		dbURL("ftp-url-password", "FTP URL with password", `s?ftp|ftps`, "ftp://,ftps://", "ftp://deploy:{an:12}@files.example.org/upload"),
	)
	add(&Rule{
		ID: "url-basic-auth", Description: "Password in an HTTP(S) URL", Severity: sevH,
		Keywords:    []string{"http://", "https://"},
		Pattern:     basicAuthURL,
		SecretGroup: 2, Strict: true, anchored: true,
		match: userinfoMatcher(basicAuthURL),
		check: urlPassword,
		Examples: Examples{
			Positive: []string{"https://deploy:{an:16}@git.example.org/repo.git", "pip install --index-url https://token:{an:24}@pypi.corp.net/simple pkg"},
			Negative: []string{"https://user:$PASSWORD@example.org", "https://user:password@example.com", "https://x-access-token:${GITHUB_TOKEN}@github.com/o/r"},
		},
	})

	// ---- Pipeline and shell hazards ----
	add(
		&Rule{
			ID: "docker-login-password", Description: "Literal password on a registry login command line", Severity: sevH,
			Keywords:    []string{"login"},
			Pattern:     `\b(?:docker|podman|buildah|skopeo|nerdctl|oras|helm registry|crane auth)\s+login\b[^\n|;&]*?\s(?:-p|--password)(?:[ \t]+|=)("[^"$\n]+"|'[^'\n]+'|[^\s"'$|;&]+)`,
			SecretGroup: 1,
			check:       cliLiteral,
			Examples: Examples{
				Positive: []string{"docker login -u ci -p {an:14} registry.example.org", "run: podman login --password={an:12} --username bot quay.io", `docker login --password "{an:10}!" -u me`},
				Negative: []string{"docker login -u ci -p $REGISTRY_PASSWORD registry.example.org", "docker login -u ci -p ${{ secrets.REGISTRY_PASSWORD }}", "docker login -u ci --password-stdin < pw.txt"},
			},
		},
		&Rule{
			ID: "docker-login-password-stdin", Description: "Literal password piped to a registry login", Severity: sevH,
			Keywords:    []string{"password-stdin"},
			Pattern:     `\b(?:echo|printf)\s+(?:-[neE]+\s+)?("[^"$\n]+"|'[^'\n]+'|[^\s"'$|]+)\s*\|\s*(?:sudo\s+)?(?:docker|podman|buildah|skopeo|nerdctl|oras|helm registry)\s+login\b[^\n]*--password-stdin`,
			SecretGroup: 1,
			check:       cliLiteral,
			Examples: Examples{
				Positive: []string{`echo "{an:12}" | docker login -u bot --password-stdin ghcr.io`},
				Negative: []string{`echo "$CR_PAT" | docker login ghcr.io -u bot --password-stdin`, `echo ${{ secrets.TOKEN }} | docker login -u x --password-stdin`},
			},
		},
		&Rule{
			ID: "curl-basic-auth", Description: "Literal credentials in curl -u / --user", Severity: sevH,
			Keywords:    []string{"curl"},
			Pattern:     `\bcurl\b[^\n|;&]*?\s(?:-u|--user)(?:[ \t]+|=)?["']?([^\s:"'$]+):([^\s"'$]+?)["']?(?:\s|$)`,
			SecretGroup: 2,
			check:       cliLiteral,
			Examples: Examples{
				Positive: []string{"curl -u admin:{an:12} https://ci.example.org/api", "curl --user 'deploy:{an:10}' -X POST https://x.example.org"},
				Negative: []string{"curl -u admin:$ADMIN_PASSWORD https://ci.example.org/api", "curl -u \"$USER:$PASS\" https://x.example.org", "curl -u user: https://x"},
			},
		},
		&Rule{
			ID: "sshpass-password", Description: "Literal password given to sshpass -p", Severity: sevH,
			Keywords:    []string{"sshpass"},
			Pattern:     `\bsshpass\s+-p\s*("[^"$\n]+"|'[^'\n]+'|[^\s"'$]+)`,
			SecretGroup: 1, check: cliLiteral,
			Examples: Examples{Positive: []string{"sshpass -p {an:10} ssh root@10.0.0.2 uptime"}, Negative: []string{"sshpass -p \"$SSH_PASS\" ssh host"}},
		},
		&Rule{
			ID: "mysql-cli-password", Description: "Literal password on a MySQL command line", Severity: sevH,
			Keywords:    []string{"mysql"},
			Pattern:     `\bmysql(?:dump|admin|import|sh|check)?\b[^\n|;&]*?\s(?:-p([^\s"'$\-][^\s"']*)|--password[ =]["']?([^\s"'$][^\s"']*))`,
			SecretGroup: -1, check: cliLiteral,
			Examples: Examples{Positive: []string{"mysql -uroot -p{an:10} -h db shop < dump.sql", "mysqldump --password={an:12} app"}, Negative: []string{"mysql -uroot -p$MYSQL_PWD app", "mysql -u root -p"}},
		},
		&Rule{
			ID: "pgpassword-env", Description: "Literal PGPASSWORD", Severity: sevH,
			Keywords:    []string{"pgpassword"},
			Pattern:     `\bPGPASSWORD[ \t]*[=:][ \t]*("[^"$\n]+"|'[^'\n]+'|[^\s"'$;]+)`,
			SecretGroup: 1, check: cliLiteral,
			Examples: Examples{Positive: []string{"PGPASSWORD={an:10} psql -h db -U app", "  PGPASSWORD: {an:8}"}, Negative: []string{"PGPASSWORD=$DB_PASS psql", "PGPASSWORD: ${{ secrets.PG }}"}},
		},
		&Rule{
			ID: "cli-password-flag", Description: "Literal password in a --password command-line flag", Severity: sevM,
			Keywords:    []string{"--password", "--client-secret", "--token"},
			Pattern:     `\s--(?:password|client-secret|token)(?:[ \t]+|=)("[^"$\n]+"|'[^'\n]+'|[^\s"'$\-|;&][^\s"'|;&]*)`,
			SecretGroup: 1,
			check: func(c *candidate) bool {
				if !cliLiteral(c) || len(c.secret) < 4 {
					return false
				}
				return c.file.kind != kindDocs && c.file.kind != kindCode || c.file.ci
			},
			Examples: Examples{Positive: []string{"az login --service-principal -u app --password {an:20} --tenant t"}, Negative: []string{"helm repo add x https://x --password $PASS"}},
		},
	)

	// ---- Generic assignments (last: specific rules win) ----
	add(&Rule{
		ID: "generic-password", Description: "Hard-coded password", Severity: sevH,
		Keywords:    []string{"pass", "pwd", "pword"},
		Pattern:     `(?i)` + namePassword + opRE + valueRE,
		SecretGroup: 3, anchored: true, assignment: true,
		check: func(c *candidate) bool { return judgeAssignment(c, true) },
		name:  func(n []byte) bool { return credentialName(n, true) },
		match: matchAssignment,
		Examples: Examples{
			Positive: []string{
				"DB_PASSWORD=admin123", `"password": "hunter22"`, "  MYSQL_ROOT_PASSWORD: root", // vouch:ignore (a rule example, not a credential)
				"<password>S3cur3!</password>", "define('DB_PASSWORD', 'wp-{an:8}');", `password = "p@ss,w0rd!"`, // vouch:ignore (a rule example, not a credential)
			},
			Negative: []string{
				"password = os.getenv(\"DB_PASSWORD\")", "DB_PASSWORD=${DB_PASSWORD}", "password: changeme",
				"password: <your-password>", "passwordLength: 12", `password = request.form["password"]`,
				"MYSQL_ROOT_PASSWORD: ${{ secrets.MYSQL_ROOT_PASSWORD }}", "password: {{ .Values.password }}",
				"  password: \"\"", "bypass = true", "password_hash: 5f4dcc3b5aa765d61d8327deb882cf99",
			},
		},
	})
	add(&Rule{
		ID: "generic-api-key", Description: "Hard-coded API key, token or secret", Severity: sevH,
		Keywords: []string{"secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key",
			"privatekey", "private_key", "credential", "auth", "signing_key", "signingkey", "encryption_key",
			"master_key", "masterkey", "app_key", "appkey", "client_key", "clientkey"},
		Pattern:     `(?i)` + nameSecret + opRE + valueRE,
		SecretGroup: 3, anchored: true, assignment: true,
		check: func(c *candidate) bool { return judgeAssignment(c, false) },
		name:  func(n []byte) bool { return credentialName(n, false) },
		match: matchAssignment,
		Examples: Examples{
			Positive: []string{
				"API_KEY={an:32}", `"client_secret": "{an:24}"`, `apiToken := "{an:20}"`,
				"HOMEBREW_GITHUB_API_TOKEN='{hex:40}'",
			},
			Negative: []string{
				"api_key = process.env.API_KEY", "token: ${{ secrets.GITHUB_TOKEN }}", "secret_hash = \"{hex:64}\"",
				"max_tokens: 4096", "token_type: bearer", "auth: oauth.provider", "api_key: your-api-key-here",
				"access_token = get_token()", "integrity: sha512-{b64:86}==", "secretName: my-app-secret",
			},
		},
	})
	return rs
}
