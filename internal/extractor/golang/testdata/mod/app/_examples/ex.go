package examples

import "example.com/underscore/should-not-count"
