package cache

import "example.com/dot/should-not-count"
