package secrets

import "testing"

func TestCredentialName(t *testing.T) {
	tests := []struct {
		name     string
		password bool
		want     bool
	}{
		{"DB_PASSWORD", true, true},
		{"userPassword", true, true},
		{"sshPassphrase", true, true},
		{"dbpasswd", true, true},
		{"PassWord", true, true},
		{"passwordLength", true, false},
		{"password_hash", true, false},
		{"bypass", true, false},
		{"api_key", false, true},
		{"AWS_SECRET_ACCESS_KEY", false, true},
		{"accessToken", false, true},
		{"client_secret", false, true},
		{"public_key", false, false},
		{"max_tokens", false, false},
		{"tokenizer", false, false},
		{"token_url", false, false},
		{"secretRef", false, false},
		{"primary_key", false, false},
		{"csrf_token", false, false},
	}
	for _, tt := range tests {
		if got := credentialName([]byte(tt.name), tt.password); got != tt.want {
			t.Errorf("credentialName(%q, %v) = %v, want %v", tt.name, tt.password, got, tt.want)
		}
	}
}

func TestMatchAssignment(t *testing.T) {
	tests := []struct{ in, name, op, value string }{
		{`password = "x y"`, "password", "=", `"x y"`},
		{`password": "hunter2",`, "password", ":", `"hunter2"`}, // windows start at the identifier
		{`PASSWORD=abc;rest`, "PASSWORD", "=", "abc"},
		{`password := "a\"b"`, "password", ":=", `"a\"b"`},
		{`password "quoted"`, "password", " ", `"quoted"`},
		{`password >x`, "password", ">", "x"},
		{`db_password', 'v')`, "db_password", ",", "'v'"},
	}
	for _, tt := range tests {
		m := matchAssignment([]byte(tt.in))
		if m == nil {
			t.Errorf("%q: no match", tt.in)
			continue
		}
		name, op, value := tt.in[m[2]:m[3]], tt.in[m[4]:m[5]], tt.in[m[6]:m[7]]
		if name != tt.name || op != tt.op || value != tt.value {
			t.Errorf("%q: got %q %q %q, want %q %q %q", tt.in, name, op, value, tt.name, tt.op, tt.value)
		}
	}
	for _, in := range []string{`password == "x"`, `password(x)`, `password`, `"password": "unterminated`, `password unquoted`} {
		if m := matchAssignment([]byte(in)); m != nil {
			t.Errorf("%q: matched %v", in, m)
		}
	}
}
