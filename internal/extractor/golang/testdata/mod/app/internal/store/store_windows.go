package store

import "golang.org/x/sys/windows"

var _ = windows.GetCurrentProcessId
