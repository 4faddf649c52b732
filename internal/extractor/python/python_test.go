package python

import (
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
)

func TestRequirementsGolden(t *testing.T) { extractortest.Cases(t, requirements{}, "requirements") }
func TestPoetryLockGolden(t *testing.T)   { extractortest.Cases(t, poetryLock{}, "poetry-lock") }
func TestPipfileLockGolden(t *testing.T)  { extractortest.Cases(t, pipfileLock{}, "pipfile-lock") }
func TestUVLockGolden(t *testing.T)       { extractortest.Cases(t, uvLock{}, "uv-lock") }
func TestPDMLockGolden(t *testing.T)      { extractortest.Cases(t, pdmLock{}, "pdm-lock") }
func TestMetadataGolden(t *testing.T)     { extractortest.Cases(t, metadata{}, "metadata") }
