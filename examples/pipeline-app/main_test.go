package main

import "testing"

func TestGreeting(t *testing.T) {
	for name, want := range map[string]string{"": "hello, world", "vouch": "hello, vouch"} {
		if got := greeting(name); got != want {
			t.Errorf("greeting(%q) = %q, want %q", name, got, want)
		}
	}
}
