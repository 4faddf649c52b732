package python

import "testing"

func TestRequirementsGolden(t *testing.T) { goldenCases(t, requirements{}, "requirements") }
func TestPoetryLockGolden(t *testing.T)   { goldenCases(t, poetryLock{}, "poetry-lock") }
func TestPipfileLockGolden(t *testing.T)  { goldenCases(t, pipfileLock{}, "pipfile-lock") }
func TestUVLockGolden(t *testing.T)       { goldenCases(t, uvLock{}, "uv-lock") }
func TestPDMLockGolden(t *testing.T)      { goldenCases(t, pdmLock{}, "pdm-lock") }
func TestMetadataGolden(t *testing.T)     { goldenCases(t, metadata{}, "metadata") }
