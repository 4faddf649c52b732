package testdata

import "example.com/testdata/should-not-count"
