package jsonpos

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	// for -update, which go test ./internal/extractor/... -update passes to
	// every package; jsonpos has no golden files
	_ "github.com/vouch-dev/vouch/internal/extractor/extractortest"
)

func TestKeys(t *testing.T) {
	data := `{
  "packages": [
    {"name": "a/b", "version": "1"},
    {
      "name": "c/d",
      "dist": {"url": "x:y"}
    }
  ],
  "esc\"aped\u0041": {"k": ["not", "keys:", {"deep": 1}]},
  "s": "a \"quoted\" string: with a colon"
}`
	var v any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatal(err)
	}
	var got []string
	Keys([]byte(data), func(path []Frame, key string, line int) {
		var p []string
		for _, f := range path {
			switch {
			case f.IsArray:
				p = append(p, fmt.Sprintf("%s[", f.Key))
			default:
				p = append(p, fmt.Sprintf("%s#%d{", f.Key, f.Index))
			}
		}
		got = append(got, fmt.Sprintf("%d %s %s", line, strings.Join(p, ""), key))
	})
	want := []string{
		"2 #0{ packages",
		"3 #0{packages[#0{ name",
		"3 #0{packages[#0{ version",
		"5 #0{packages[#1{ name",
		"6 #0{packages[#1{ dist",
		"6 #0{packages[#1{dist#0{ url",
		`9 #0{ esc"apedA`,
		`9 #0{esc"apedA#0{ k`,
		`9 #0{esc"apedA#0{k[#0{ deep`,
		"10 #0{ s",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestKeysTruncated: text cut inside a string ends the walk without a
// panic.
func TestKeysTruncated(t *testing.T) {
	n := 0
	Keys([]byte(`{"a": 1, "b`), func([]Frame, string, int) { n++ })
	if n != 1 {
		t.Errorf("%d keys", n)
	}
}

func TestError(t *testing.T) {
	for _, tc := range []struct {
		data string
		want string
	}{
		{"{\n\"a\": 1,\n}", "line 3: "},
		{"{\n\"a\":\n\"x\"}", "line 3: "},
	} {
		var v struct{ A int }
		err := Error([]byte(tc.data), json.Unmarshal([]byte(tc.data), &v))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s…", tc.data, err, tc.want)
		}
	}
	other := errors.New("other")
	if err := Error([]byte("{}"), other); err != other {
		t.Errorf("other error became %v", err)
	}
}
